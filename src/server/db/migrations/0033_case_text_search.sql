-- Free-text search of the penalty-case register (party or cause). Character bigrams index two-character Chinese terms
-- (化工, 粉尘) that trigrams cannot (text_bigrams, migration 0002); the query confirms with ILIKE.
-- Stored, not an expression index: the planner then keeps statistics of each bigram's frequency (most common
-- elements), so it walks a county's rows for a common term and takes the index for a rare one; and a row it tests
-- compares a stored array instead of recomputing the bigrams (bench h: 100 ms for a county's 13,000 rows).
ALTER TABLE penalty_cases
  ADD COLUMN search_bigrams text[] GENERATED ALWAYS AS (text_bigrams(party_name || ' ' || cause)) STORED;
CREATE INDEX penalty_cases_search_idx ON penalty_cases USING gin (search_bigrams);
