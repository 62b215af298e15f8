package com.vidugateway.application.service;

import com.vidugateway.application.port.in.ManageClients;
import com.vidugateway.application.port.out.Clients;
import com.vidugateway.domain.client.ApiKeys;
import com.vidugateway.domain.client.ClientLimits;
import com.vidugateway.domain.client.ClientQuota;
import com.vidugateway.domain.client.InvalidClientInput;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** @param quota the deployment's default limits, for what applies to each client */
public record ManageClientsService(Clients clients, ClientQuota quota, Clock clock) implements ManageClients {

    @Override
    public NewKey add(String name, ClientLimits limits) {
        ApiKeys.nameProblem(name).ifPresent(problem -> {
            throw new InvalidClientInput(List.of(problem));
        });
        String key = ApiKeys.newKey();
        clients.create(name, limits, storedKey(key), clock.instant());
        return new NewKey(name, key, ApiKeys.prefixOf(key));
    }

    @Override
    public Account set(String name, ClientLimits changes) {
        Clients.Client client = clients.find(name).orElseThrow(() -> new Clients.UnknownClient(name));
        clients.setLimits(name, client.limits().with(changes));
        return account(name).orElseThrow(() -> new Clients.UnknownClient(name));
    }

    @Override
    public NewKey rotate(String name) {
        String key = ApiKeys.newKey();
        clients.addKey(name, storedKey(key), clock.instant());
        return new NewKey(name, key, ApiKeys.prefixOf(key));
    }

    @Override
    public Clients.RevokedKey revoke(String keyPrefix) {
        if (keyPrefix == null || keyPrefix.isBlank()) {
            throw new Clients.UnknownKey(keyPrefix == null ? "" : keyPrefix);
        }
        return clients.revoke(keyPrefix.strip(), clock.instant());
    }

    @Override
    public List<Account> list() {
        Instant monthStart = monthStart(clock.instant());
        return clients.list().stream().map(client -> account(client, monthStart)).toList();
    }

    @Override
    public Optional<Account> account(String name) {
        Instant monthStart = monthStart(clock.instant());
        return clients.find(name).map(client -> account(client, monthStart));
    }

    @Override
    public Account accountOf(String owner) {
        return account(owner).orElseGet(() -> account(new Clients.Client(owner, ClientLimits.NONE, List.of(), null),
                monthStart(clock.instant())));
    }

    @Override
    public Optional<ClientQuota.Refusal> wouldRefuse(String owner, java.math.BigDecimal estimateCny, long imageBytes) {
        Account account = accountOf(owner);
        return quota.check(account.client().limits(), account.usage(), estimateCny, imageBytes);
    }

    @Override
    public void adoptSettingsKeys(Collection<String> keys) {
        for (String key : keys) {
            if (key != null && !key.isBlank()) {
                String name = ApiKeys.settingsKeyClient(key.strip());
                clients.ensure(name, new Clients.StoredKey(ApiKeys.hash(key.strip()), name), clock.instant());
            }
        }
    }

    private Account account(Clients.Client client, Instant monthStart) {
        return new Account(client, quota.effective(client.limits()), clients.usage(client.name(), monthStart));
    }

    private static Clients.StoredKey storedKey(String key) {
        return new Clients.StoredKey(ApiKeys.hash(key), ApiKeys.prefixOf(key));
    }

    /** The start of the calendar month (UTC) of {@code at}: budgets are monthly. */
    public static Instant monthStart(Instant at) {
        return YearMonth.from(at.atZone(ZoneOffset.UTC)).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
