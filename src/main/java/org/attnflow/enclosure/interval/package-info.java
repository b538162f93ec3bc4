/**
 * Interval arithmetic with outward rounding on exact decimals ({@link java.math.BigDecimal}): the arithmetic the
 * rigorous enclosures of {@code org.attnflow.enclosure} are computed in. Depends on the JDK only.
 */
package org.attnflow.enclosure.interval;
