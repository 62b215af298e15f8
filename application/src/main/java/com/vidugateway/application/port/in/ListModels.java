package com.vidugateway.application.port.in;

import com.vidugateway.domain.catalogue.Model;
import java.util.List;

/** The models this gateway offers, with their rules. */
public interface ListModels {

    List<Model> list();
}
