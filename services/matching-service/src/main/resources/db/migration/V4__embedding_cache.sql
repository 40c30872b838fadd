-- Dense vectors of listing texts by content key (SHA-256 of the model's name and the text), kept outside the Lucene
-- index so that rebuilding the index from the topics does not run the embedding model again.
CREATE TABLE embedding_cache (
    content_key CHAR(64)    PRIMARY KEY,
    model       VARCHAR(64) NOT NULL,
    vector      BYTEA       NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
