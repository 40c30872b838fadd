package io.kechuang.gateway.identity.events;

import io.kechuang.common.outbox.Outbox;
import io.kechuang.events.EventTypes;
import io.kechuang.events.Topics;
import io.kechuang.gateway.identity.Organisation;
import io.kechuang.gateway.identity.UserAccount;
import io.kechuang.gateway.identity.mapping.IdentityMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Publishes an organisation's or a user's new state on {@code identity.v1}: bumps its version, stamps the time and
 * appends the event to the outbox, all in the caller's transaction, so the event exists if and only if the change
 * committed. Callers hold the row (a new row, or one read {@code FOR UPDATE}), so two changes of one row never share
 * a version.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class IdentityEvents {

    @Inject
    Outbox outbox;

    public void organisationChanged(Organisation org) {
        org.version++;
        org.updatedAt = now();
        outbox.append(Topics.IDENTITY, EventTypes.ORGANISATION_CHANGED, org.id.toString(), org.version,
                IdentityMapper.state(org));
    }

    public void userChanged(UserAccount user) {
        user.version++;
        user.updatedAt = now();
        outbox.append(Topics.IDENTITY, EventTypes.USER_CHANGED, user.id.toString(), user.version,
                IdentityMapper.state(user));
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
