/** Helpers for scheduled jobs that several replicas may run at the same time. */
package io.kechuang.common.jobs;
