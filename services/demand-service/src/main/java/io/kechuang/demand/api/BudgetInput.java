package io.kechuang.demand.api;

import io.kechuang.common.validation.IsoCurrency;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What the enterprise is prepared to spend: a range, or just a floor or a ceiling, in an ISO 4217 currency (the
 * currency may wait until the demand is opened).
 */
@Schema(name = "Budget", description = "Budget range; give a minimum, a maximum or both")
@BudgetInput.Range
public record BudgetInput(
        @DecimalMin(value = "0", message = "must not be negative") @Digits(integer = 16, fraction = 2)
        @Schema(example = "300000") BigDecimal min,
        @DecimalMin(value = "0", message = "must not be negative") @Digits(integer = 16, fraction = 2)
        @Schema(example = "800000") BigDecimal max,
        @IsoCurrency @Schema(example = "CNY") String currency) {

    /** At least one bound, and the minimum not above the maximum (reported on {@code max}). */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = RangeValidator.class)
    public @interface Range {
        String message() default "give a minimum, a maximum or both";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    public static class RangeValidator implements ConstraintValidator<Range, BudgetInput> {
        @Override
        public boolean isValid(BudgetInput budget, ConstraintValidatorContext context) {
            if (budget == null) {
                return true;
            }
            if (budget.min() == null && budget.max() == null) {
                return false;
            }
            if (budget.min() != null && budget.max() != null && budget.min().compareTo(budget.max()) > 0) {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate("must not be less than the minimum")
                        .addPropertyNode("max").addConstraintViolation();
                return false;
            }
            return true;
        }
    }
}
