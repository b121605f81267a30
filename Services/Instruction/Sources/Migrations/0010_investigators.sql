-- The investigators' declarations (liaison.declaration-submitted), shown in the claims they started, and the
-- questions rédacteurs ask the declaring unit in the platform instead of by phone (domain.md §6.4, §10.2 item 5).
CREATE TABLE declaration (
    id                    uuid PRIMARY KEY,
    unit_code             text        NOT NULL,
    force                 text        NOT NULL,
    operational_error     text        NOT NULL,
    facts                 text        NOT NULL,
    operation_date        date        NOT NULL,
    street_address        text        NOT NULL,
    postal_code           text        NOT NULL,
    commune               text        NOT NULL,
    procedure_number      text        NOT NULL,
    investigating_service text        NOT NULL,
    service_phone         text        NOT NULL,
    court                 text,
    magistrate            text,
    submitted_at          timestamptz NOT NULL
);

CREATE TABLE investigator_query (
    id             uuid PRIMARY KEY,
    claim_id       uuid        NOT NULL REFERENCES claim (id),
    declaration_id uuid        NOT NULL REFERENCES declaration (id),
    question       text        NOT NULL,
    due_on         date        NOT NULL,
    asked_by       uuid        NOT NULL REFERENCES agent (id),
    asked_at       timestamptz NOT NULL,
    answer         text,
    answered_by    text,
    answered_at    timestamptz,
    CHECK ((answer IS NULL) = (answered_at IS NULL))
);
CREATE INDEX investigator_query_claim_idx ON investigator_query (claim_id, asked_at);
