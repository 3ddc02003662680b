-- Free-text search of the penalty-case register (party or cause), as the accident register does (migration 0002):
-- character bigrams index two-character Chinese terms (化工, 粉尘) that trigrams cannot; the query confirms with ILIKE.
CREATE INDEX penalty_cases_text_bigram_idx ON penalty_cases USING gin (text_bigrams(party_name || ' ' || cause));
