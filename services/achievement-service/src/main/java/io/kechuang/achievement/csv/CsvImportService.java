package io.kechuang.achievement.csv;

import io.kechuang.achievement.Achievement;
import io.kechuang.achievement.mapping.AchievementMapper;
import io.kechuang.achievement.rest.AchievementRequest;
import io.kechuang.achievement.rest.AchievementView;
import io.kechuang.achievement.service.AchievementConfig;
import io.kechuang.achievement.service.AchievementService;
import io.kechuang.achievement.service.PublicationRules;
import io.kechuang.common.idempotency.CreateOutcome;
import io.kechuang.common.idempotency.Idempotency;
import io.kechuang.common.idempotency.StoredResponse;
import io.kechuang.common.problem.FieldError;
import io.kechuang.common.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Bulk import of achievements from CSV. Every row is read and validated in full first (the same rules as the REST
 * API, plus the publication rules when importing straight to published); then the valid rows are created in one
 * transaction. A bad row is reported with every bad column and never half-imported.
 */
@ApplicationScoped
public class CsvImportService {

    static final String SCOPE = "achievement.import";

    @Inject
    AchievementService achievements;

    @Inject
    Validator validator;

    @Inject
    Idempotency idempotency;

    @Inject
    AchievementConfig config;

    @Transactional
    public CreateOutcome<ImportReport> importCsv(Caller caller, String csv, boolean publish, String idempotencyKey) {
        String idemCaller = caller.orgId() + "/" + caller.subject();
        if (idempotencyKey != null) {
            Optional<StoredResponse> prior = idempotency.claim(SCOPE, idemCaller, idempotencyKey, publish + "\n" + csv);
            if (prior.isPresent()) {
                return CreateOutcome.replayed(prior.get());
            }
        }
        List<AchievementCsv.Row> rows = AchievementCsv.parse(csv, config.importMaxRows());
        LocalDate today = LocalDate.now(config.zone());
        List<ImportReport.RowResult> results = new ArrayList<>();
        int imported = 0;
        for (AchievementCsv.Row row : rows) {
            List<FieldError> errors = validate(row, publish, today);
            String title = row.request().title();
            if (!errors.isEmpty()) {
                results.add(new ImportReport.RowResult(row.number(), ImportReport.Outcome.REJECTED, null, title, errors));
                continue;
            }
            AchievementView created = achievements.createDraft(caller, row.request());
            if (publish) {
                achievements.publish(caller, created.id(), null);
            }
            imported++;
            results.add(new ImportReport.RowResult(row.number(), ImportReport.Outcome.IMPORTED, created.id(), title, List.of()));
        }
        ImportReport report = new ImportReport(rows.size(), imported, rows.size() - imported, publish, results);
        if (idempotencyKey != null) {
            idempotency.complete(SCOPE, idemCaller, idempotencyKey, 200, null, report);
        }
        return CreateOutcome.fresh(report);
    }

    private List<FieldError> validate(AchievementCsv.Row row, boolean publish, LocalDate today) {
        List<FieldError> errors = new ArrayList<>(row.errors());
        for (ConstraintViolation<AchievementRequest> v : validator.validate(row.request())) {
            String column = AchievementCsv.columnOf(v.getPropertyPath().toString());
            if (errors.stream().noneMatch(e -> e.field().equals(column))) {
                errors.add(new FieldError(column, v.getMessage()));
            }
        }
        if (publish && errors.isEmpty()) {
            Achievement candidate = new Achievement();
            AchievementMapper.apply(row.request(), candidate);
            for (FieldError e : PublicationRules.check(candidate, today)) {
                errors.add(new FieldError(AchievementCsv.columnOf(e.field()), e.message()));
            }
        }
        errors.sort(Comparator.comparing(FieldError::field));
        return errors;
    }
}
