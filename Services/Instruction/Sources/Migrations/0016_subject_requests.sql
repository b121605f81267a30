-- Data protection requests about one person (GDPR art. 15 access, art. 17 erasure), opened by the referent, and
-- each service's answer as it arrives (`<service>.subject-request-answered`; instruction's own at once).
CREATE TABLE subject_request (
    id           uuid PRIMARY KEY,
    kind         text        NOT NULL CHECK (kind IN ('access', 'erasure')),
    email        text        NOT NULL,
    letter       text        NOT NULL CHECK (length(letter) BETWEEN 1 AND 200),
    requested_by uuid        NOT NULL REFERENCES agent (id),
    requested_at timestamptz NOT NULL
);
CREATE TABLE subject_request_report (
    request_id  uuid        NOT NULL REFERENCES subject_request (id),
    service     text        NOT NULL,
    records     integer     NOT NULL,
    data        jsonb       NOT NULL,
    reported_at timestamptz NOT NULL,
    PRIMARY KEY (request_id, service)
);
