package com.vidugateway.adapter.modelverse;

import com.vidugateway.application.port.out.ImageBlobs;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * A blob store that passes everything on but {@link ImageBlobs#open}, whose stream a test wraps to slow or hold
 * it. A proxy rather than a class, so the port may grow without this fixture following it.
 */
final class DelegatingBlobs {

    /** Wraps the stream of each opened blob. */
    interface StreamWrapper {
        InputStream wrap(String sha256, InputStream blob) throws IOException;
    }

    private DelegatingBlobs() {}

    static ImageBlobs wrappingOpen(ImageBlobs delegate, StreamWrapper wrapper) {
        return (ImageBlobs) Proxy.newProxyInstance(ImageBlobs.class.getClassLoader(), new Class<?>[] {ImageBlobs.class},
                (proxy, method, args) -> {
                    try {
                        Object result = method.invoke(delegate, args);
                        return method.getName().equals("open") ? wrapper.wrap((String) args[0], (InputStream) result) : result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
