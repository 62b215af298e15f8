package com.vidugateway.application.port.in;

import com.vidugateway.application.port.out.Clients;
import com.vidugateway.domain.client.ClientLimits;
import com.vidugateway.domain.client.ClientQuota;
import com.vidugateway.domain.client.ClientUsage;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * An operator's work on clients (the CLI's {@code vidu clients}, {@code /v1/admin/clients}). Names and limits are
 * checked first ({@link com.vidugateway.domain.client.InvalidClientInput}); a missing or conflicting client or key is a
 * {@link Clients.ClientProblem}.
 */
public interface ManageClients {

    /** A new client and its first key, which is shown this once. */
    NewKey add(String name, ClientLimits limits);

    /** Changes the limits {@code changes} sets; the others stay. */
    Account set(String name, ClientLimits changes);

    /** A new key for the client; its other keys keep working until revoked. */
    NewKey rotate(String name);

    Clients.RevokedKey revoke(String keyPrefix);

    /** Every client with its limits as they apply and what it uses this month. */
    List<Account> list();

    Optional<Account> account(String name);

    /**
     * A caller's account, also when its owner has no client row (a key-less server's local owner on a database from
     * before clients): then the deployment's defaults apply to it.
     */
    Account accountOf(String owner);

    /**
     * What a submit by {@code owner} of a task estimated at {@code estimateCny}, adding {@code imageBytes}, would be told
     * now (a dry run's answer; the submit itself checks again where it stores the task).
     */
    Optional<ClientQuota.Refusal> wouldRefuse(String owner, BigDecimal estimateCny, long imageBytes);

    /**
     * Makes each {@code VIDU_API_KEYS} key a client's key (named as the owner its tasks had before clients existed),
     * unless it is already; a key revoked by an operator stays revoked.
     */
    void adoptSettingsKeys(Collection<String> keys);

    /** A key made now: the whole key (shown once, never stored) and its prefix (shown from now on). */
    record NewKey(String client, String key, String prefix) {}

    /**
     * @param effective the limits that apply: the client's own, the deployment's defaults where it has none
     * @param usage     what it uses now
     */
    record Account(Clients.Client client, ClientLimits effective, ClientUsage usage) {
        /** What is left of this month's budget; empty without one. */
        public Optional<BigDecimal> remainingBudget() {
            return usage.remainingBudget(effective);
        }
    }
}
