package dev.mnemo.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DateRangeTest {
  static final LocalDate TODAY = LocalDate.of(2025, 3, 20); // a Thursday

  static DateRange r(String s) {
    return DateRange.parse(s, TODAY).orElseThrow(() -> new AssertionError("not a date: " + s));
  }

  static DateRange span(String from, String toExclusive) {
    return new DateRange(LocalDate.parse(from), LocalDate.parse(toExclusive));
  }

  @Test
  void calendarForms() {
    assertEquals(span("2023-01-01", "2024-01-01"), r("2023"));
    assertEquals(span("2023-01-01", "2024-01-01"), r("2023年"));
    assertEquals(span("2023-08-01", "2023-09-01"), r("2023-08"));
    assertEquals(span("2023-08-01", "2023-09-01"), r("2023.8"));
    assertEquals(span("2023-08-01", "2023-09-01"), r("August 2023"));
    assertEquals(span("2023-08-01", "2023-09-01"), r("aug 2023"));
    assertEquals(span("2023-08-01", "2023-09-01"), r("2023年8月"));
    assertEquals(span("2023-08-15", "2023-08-16"), r("2023-08-15"));
    assertEquals(span("2023-08-15", "2023-08-16"), r("2023年8月15日"));
    assertEquals(span("2023-08-15", "2023-08-16"), r("August 15th, 2023"));
    assertEquals(span("2023-08-28", "2023-09-04"), r("2023-W35"));
    assertEquals(span("2023-08-28", "2023-09-04"), r("2023年第35周"));
    assertEquals(span("2023-08-28", "2023-09-04"), r("week 35, 2023"));
    assertEquals(span("2023-08-30", "2023-08-31"), r("2023-W35-3"));
    assertEquals(span("2020-12-28", "2021-01-04"), r("2020-W53"));
    assertEquals(span("2023-08-01", "2023-08-16"), r("2023-08-01..2023-08-15"));
  }

  @Test
  void relativeFormsInBothLanguages() {
    assertEquals(span("2025-03-20", "2025-03-21"), r("today"));
    assertEquals(span("2025-03-19", "2025-03-20"), r("昨天"));
    assertEquals(span("2025-03-17", "2025-03-24"), r("this week"));
    assertEquals(span("2025-03-10", "2025-03-17"), r("last week"));
    assertEquals(span("2025-03-10", "2025-03-17"), r("上周"));
    assertEquals(span("2025-02-01", "2025-03-01"), r("last month"));
    assertEquals(span("2025-02-01", "2025-03-01"), r("上个月"));
    assertEquals(span("2024-01-01", "2025-01-01"), r("去年"));
    assertEquals(span("2024-01-01", "2025-01-01"), r("last year"));
    assertEquals(span("2025-03-14", "2025-03-21"), r("last 7 days"));
    assertEquals(span("2025-03-14", "2025-03-21"), r("最近7天"));
    assertEquals(span("2025-03-07", "2025-03-21"), r("最近两周"));
    assertEquals(span("2025-03-14", "2025-03-21"), r("过去一个星期"));
    assertEquals(span("2024-12-21", "2025-03-21"), r("近三个月"));
    assertEquals(span("2024-03-21", "2025-03-21"), r("过去一年"));
    assertEquals(span("2025-03-15", "2025-03-17"), r("上周末"));
    assertEquals(span("2025-03-22", "2025-03-24"), r("this weekend"));
    assertEquals(span("2025-03-17", "2025-03-18"), r("3 days ago"));
    assertEquals(span("2024-03-01", "2024-04-01"), r("去年三月"));
    assertEquals(span("2024-03-01", "2024-04-01"), r("last March"), "in March, last March was a year ago");
    assertEquals(span("2025-02-01", "2025-03-01"), r("last february"));
    assertEquals(span("2024-12-01", "2025-01-01"), r("last Dec"));
    assertEquals(span("2025-05-01", "2025-06-01"), r("this May"));
    assertEquals(span("2024-07-01", "2024-08-01"), r("July last year"));
    assertEquals(span("2024-12-01", "2025-01-01"), r("去年的十二月"));
    assertEquals(span("2025-05-01", "2025-06-01"), r("今年5月份"));
    assertEquals(span("2023-11-01", "2023-12-01"), r("前年十一月"));
    assertEquals(span("2024-03-01", "2024-04-01"), r("2024年三月"));
  }

  @Test
  void nonsenseIsNotADate() {
    for (String s : new String[] {"someday", "2023-13", "month", "", "12", "2023-W53", "2023-W00", "去年十三月", "三月"}) {
      assertTrue(DateRange.parse(s, TODAY).isEmpty(), s);
    }
  }

  @Test
  void chineseNumerals() {
    assertEquals(3, DateRange.chineseNumber("三"));
    assertEquals(10, DateRange.chineseNumber("十"));
    assertEquals(12, DateRange.chineseNumber("十二"));
    assertEquals(21, DateRange.chineseNumber("二十一"));
    assertEquals(0, DateRange.chineseNumber("十十"));
    assertEquals(0, DateRange.chineseNumber("三三"));
    // Whole dates in numerals, as formal writing has them.
    assertEquals(span("2023-01-01", "2024-01-01"), r("二〇二三年"));
    assertEquals(span("2023-09-01", "2023-10-01"), r("二〇二三年九月"));
    assertEquals(span("2024-12-01", "2025-01-01"), r("二零二四年十二月"));
    assertEquals(span("2023-09-03", "2023-09-04"), r("二〇二三年九月三日"));
    assertEquals(span("2023-09-03", "2023-09-11"), r("二〇二三年九月三日..2023-09-10"));
  }
}
