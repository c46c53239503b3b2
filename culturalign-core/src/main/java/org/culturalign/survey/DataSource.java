package org.culturalign.survey;

/**
 * Where survey data came from, recorded with every run for provenance.
 *
 * @param name    human-readable name, e.g. "bundled WVS-7 sample" or a file name
 * @param version data version, e.g. "wvs7-sample/1" or the importer's version
 * @param sha256  hex SHA-256 of the file or resource the data was read from
 * @param notice  citation / licence notice to show next to results (e.g. the WVS wave 7 citation)
 */
public record DataSource(String name, String version, String sha256, String notice) {
}
