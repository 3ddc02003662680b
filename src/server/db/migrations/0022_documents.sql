-- 执法文书 and their numbers (issue 10 §4): each document a bureau issues gets the next number of that bureau, type
-- and year — "（淄张）应急责改〔2026〕12号" (src/domain/document-number.ts). The counter row is taken in the transaction
-- that issues the document: numbers have no gaps (a rolled-back issuance gives its number back) and no duplicates
-- (the row lock orders concurrent issuers; the unique key is the backstop).
CREATE TABLE document_counters (
  -- the issuing bureau's region
  region_code text COLLATE "C" NOT NULL,
  kind        text NOT NULL,
  year        int NOT NULL,
  seq         int NOT NULL,
  PRIMARY KEY (region_code, kind, year)
);

CREATE TABLE issued_documents (
  id            uuid NOT NULL,
  region_code   text COLLATE "C" NOT NULL,
  kind          text NOT NULL,
  year          int NOT NULL,
  seq           int NOT NULL,
  number        text NOT NULL,
  -- what it is about: ('hidden_danger', id), later inspections and cases
  subject_type  text NOT NULL,
  subject_id    uuid NOT NULL,
  -- the subject's region (the enterprise's), for the subject's list of documents
  subject_region_code text COLLATE "C" NOT NULL,
  issued_at     timestamptz NOT NULL,
  issued_by     uuid NOT NULL REFERENCES users (id),
  issued_by_name text NOT NULL,
  issuer_org    text NOT NULL,
  PRIMARY KEY (region_code, id),
  UNIQUE (region_code, kind, year, seq)
);
CREATE INDEX issued_documents_subject_idx ON issued_documents (subject_region_code, subject_type, subject_id);
CREATE TRIGGER issued_documents_append_only BEFORE UPDATE OR DELETE ON issued_documents
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
