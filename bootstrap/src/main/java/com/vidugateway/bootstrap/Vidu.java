package com.vidugateway.bootstrap;

import com.vidugateway.adapter.cli.ModelsCommand;
import com.vidugateway.adapter.cli.ValidateCommand;
import com.vidugateway.adapter.cli.ViduCli;
import com.vidugateway.application.service.ListModelsService;
import com.vidugateway.application.service.ValidateVideoRequestService;
import com.vidugateway.domain.catalogue.ModelCatalogue;
import com.vidugateway.domain.catalogue.PriceLatencyTable;

/**
 * The one entry point: {@code ./vidu <command>}. Offline commands (models, validate) are wired by hand and
 * start no bean context, so they answer at the speed of a plain JVM.
 */
public final class Vidu {

    private Vidu() {}

    public static void main(String[] args) {
        System.exit(cli().run(args));
    }

    static ViduCli cli() {
        ModelCatalogue catalogue = ModelCatalogue.STANDARD;
        return new ViduCli(
                new ModelsCommand(new ListModelsService(catalogue)),
                new ValidateCommand(new ValidateVideoRequestService(catalogue, PriceLatencyTable.STANDARD)));
    }
}
