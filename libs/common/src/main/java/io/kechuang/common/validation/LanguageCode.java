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
 * The language a record is written in, {@code zh} or {@code en}: it decides how the matcher analyses the text. Null
 * is valid.
 */
@Documented
@Pattern(regexp = LanguageCode.PATTERN)
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface LanguageCode {

    String PATTERN = "zh|en";

    String message() default "must be zh or en";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
