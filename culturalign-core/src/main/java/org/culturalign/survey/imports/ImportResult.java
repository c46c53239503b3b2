package org.culturalign.survey.imports;

import org.culturalign.survey.SurveyData;

/**
 * The outcome of an import: the derived survey data (write it with {@code SurveyJson.write}) and the summary of what
 * was imported and skipped.
 */
public record ImportResult(SurveyData data, ImportSummary summary) {
}
