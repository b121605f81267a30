-- Questions the Ministry's rédacteurs ask the unit about a claim its declaration started, answered in the portal
-- (domain.md §6.4, §10.2 item 5). Scoped to the declaration's unit, like the declaration.
CREATE TABLE investigator_query (
    id              uuid PRIMARY KEY,
    declaration_id  uuid        NOT NULL REFERENCES declaration (id),
    unit_code       text        NOT NULL,
    claim_id        uuid        NOT NULL,
    claim_reference text        NOT NULL,
    question        text        NOT NULL,
    due_on          date        NOT NULL,
    asked_by        text        NOT NULL,
    asked_at        timestamptz NOT NULL,
    answer          text,
    answered_by     uuid REFERENCES investigator (id),
    answered_at     timestamptz,
    CHECK ((answer IS NULL) = (answered_at IS NULL))
);
CREATE INDEX investigator_query_unit_idx ON investigator_query (unit_code, answered_at, due_on);
