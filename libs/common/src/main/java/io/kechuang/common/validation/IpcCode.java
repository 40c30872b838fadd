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
 * An International Patent Classification code at any level: section {@code H}, class {@code H01}, subclass {@code
 * H01L} or group {@code H01L31/048} (a space before the group is accepted). Null is valid.
 */
@Documented
@Pattern(regexp = IpcCode.PATTERN)
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface IpcCode {

    String PATTERN = "[A-H](\\d{2}([A-Z](\\s?\\d{1,4}/\\d{1,6})?)?)?";

    String message() default "must be an IPC code such as H01L31/048 or H01L";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
