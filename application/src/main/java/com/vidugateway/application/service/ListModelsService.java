package com.vidugateway.application.service;

import com.vidugateway.application.port.in.ListModels;
import com.vidugateway.domain.catalogue.Model;
import com.vidugateway.domain.catalogue.ModelCatalogue;
import java.util.List;

public final class ListModelsService implements ListModels {

    private final ModelCatalogue catalogue;

    public ListModelsService(ModelCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @Override
    public List<Model> list() {
        return catalogue.models();
    }
}
