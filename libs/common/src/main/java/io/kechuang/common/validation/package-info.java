/**
 * Bean Validation constraints for the platform's shared vocabularies: currencies ({@code @IsoCurrency}), GB/T 2260
 * regions ({@code @RegionCode}), languages ({@code @LanguageCode}) and IPC codes ({@code @IpcCode}). Each service's
 * API model uses these, so a value valid in one service is valid in all.
 */
package io.kechuang.common.validation;
