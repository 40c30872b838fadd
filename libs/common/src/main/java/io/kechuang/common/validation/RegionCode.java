package io.kechuang.common.validation;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A GB/T 2260 administrative division code: six digits, e.g. {@code 510100} (Chengdu) or {@code 510000} (Sichuan).
 * Null is valid.
 */
@Documented
@Pattern(regexp = RegionCode.PATTERN)
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface RegionCode {

    String PATTERN = "\\d{6}";

    String message() default "must be a 6-digit GB/T 2260 region code such as 510100";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
