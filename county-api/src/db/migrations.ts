// Schema migrations, applied in order inside one transaction each; user_version records progress.
// A migration that rebuilds a table others point at runs with foreign keys off (SQLite can only
// switch them outside a transaction) and is checked with foreign_key_check before it commits.
interface Migration {
  sql: string
  rebuildsReferencedTable: true
}
export const MIGRATIONS: (string | Migration)[] = [
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE households (
    id TEXT PRIMARY KEY, household_number TEXT, region_code TEXT NOT NULL, township TEXT NOT NULL,
    village TEXT NOT NULL, head_person_id TEXT NOT NULL, account_balance_fen INTEGER
  );
  CREATE TABLE persons (
    id TEXT PRIMARY KEY, household_id TEXT NOT NULL REFERENCES households(id), name TEXT NOT NULL,
    id_number TEXT NOT NULL UNIQUE, sex TEXT NOT NULL, birth_date TEXT NOT NULL, relation TEXT NOT NULL,
    categories TEXT NOT NULL, phone TEXT
  );
  CREATE INDEX persons_household ON persons(household_id);
  CREATE TABLE enrolments (
    person_id TEXT NOT NULL REFERENCES persons(id), year INTEGER NOT NULL, status TEXT NOT NULL,
    payer TEXT, amount_fen INTEGER, coverage_start TEXT, coverage_end TEXT, waiting_end TEXT, order_id TEXT,
    PRIMARY KEY (person_id, year)
  );
  CREATE TABLE users (
    id TEXT PRIMARY KEY, role TEXT NOT NULL, openid TEXT UNIQUE, phone TEXT UNIQUE, person_id TEXT REFERENCES persons(id),
    display_name TEXT NOT NULL, created_at INTEGER NOT NULL
  );
  CREATE TABLE sessions (token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id), expires_at INTEGER NOT NULL, created_at INTEGER NOT NULL);
  CREATE TABLE otps (phone TEXT PRIMARY KEY, code_hash TEXT NOT NULL, expires_at INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0);
  CREATE TABLE policies (
    region_code TEXT NOT NULL, version TEXT NOT NULL, effective_from TEXT NOT NULL, effective_to TEXT,
    document TEXT NOT NULL, etag TEXT NOT NULL, PRIMARY KEY (region_code, version)
  );
  CREATE TABLE orders (
    id TEXT PRIMARY KEY, household_id TEXT NOT NULL REFERENCES households(id), year INTEGER NOT NULL, status TEXT NOT NULL,
    amount_fen INTEGER NOT NULL, channel TEXT NOT NULL, payer_user_id TEXT NOT NULL REFERENCES users(id), payer_is_household INTEGER NOT NULL,
    persons TEXT NOT NULL, policy_version TEXT NOT NULL, idempotency_key TEXT NOT NULL, request_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, paid_at INTEGER, confirmed_at INTEGER,
    transaction_id TEXT, receipt_number TEXT UNIQUE, failure_reason TEXT, match_attempts INTEGER NOT NULL DEFAULT 0
  );
  -- At most one open order per household and year: the database enforces it, not the handler.
  CREATE UNIQUE INDEX orders_one_open ON orders(household_id, year) WHERE status IN ('created', 'paying');
  CREATE UNIQUE INDEX orders_idempotency ON orders(payer_user_id, idempotency_key);
  CREATE INDEX orders_household ON orders(household_id, year);
  CREATE TABLE payment_notices (
    notify_id TEXT PRIMARY KEY, order_id TEXT NOT NULL, transaction_id TEXT NOT NULL, result TEXT NOT NULL,
    amount_fen INTEGER NOT NULL, received_at INTEGER NOT NULL, outcome TEXT NOT NULL
  );
  -- The simulated payment provider's own ledger and notify outbox (it would live at the provider).
  CREATE TABLE sim_payments (
    order_id TEXT PRIMARY KEY, notify_id TEXT NOT NULL, transaction_id TEXT NOT NULL, result TEXT NOT NULL,
    amount_fen INTEGER NOT NULL, paid_at INTEGER NOT NULL, delivered INTEGER NOT NULL DEFAULT 0, attempts INTEGER NOT NULL DEFAULT 0
  );
  CREATE TABLE institutions (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, level TEXT NOT NULL, grade TEXT NOT NULL, ownership TEXT NOT NULL,
    township TEXT NOT NULL, address TEXT NOT NULL, phone TEXT NOT NULL, instant_settlement INTEGER NOT NULL,
    agreement_status TEXT NOT NULL, agreement_since TEXT NOT NULL, agreement_until TEXT
  );
  CREATE TABLE claims (
    id TEXT PRIMARY KEY, person_id TEXT NOT NULL REFERENCES persons(id), year INTEGER NOT NULL, kind TEXT NOT NULL,
    institution_id TEXT, institution_name TEXT NOT NULL, admission_date TEXT NOT NULL, discharge_date TEXT,
    total_fen INTEGER NOT NULL, eligible_fen INTEGER NOT NULL, payout_fen INTEGER NOT NULL, self_fen INTEGER NOT NULL,
    stage TEXT NOT NULL, timeline TEXT NOT NULL, policy_version TEXT NOT NULL, steps TEXT NOT NULL
  );
  CREATE INDEX claims_person ON claims(person_id, year);
  CREATE TABLE invitations (
    id TEXT PRIMARY KEY, household_id TEXT NOT NULL, code_hash TEXT NOT NULL UNIQUE, scopes TEXT NOT NULL,
    created_by TEXT NOT NULL, created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, used_at INTEGER, used_by TEXT
  );
  CREATE TABLE grants (
    id TEXT PRIMARY KEY, household_id TEXT NOT NULL, grantee_user_id TEXT NOT NULL REFERENCES users(id), scopes TEXT NOT NULL,
    created_at INTEGER NOT NULL, revoked_at INTEGER, invitation_id TEXT
  );
  CREATE INDEX grants_grantee ON grants(grantee_user_id);
  CREATE TABLE access_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT, household_id TEXT NOT NULL, grant_id TEXT NOT NULL, grantee_user_id TEXT NOT NULL,
    action TEXT NOT NULL, scope TEXT NOT NULL, at INTEGER NOT NULL
  );
  CREATE INDEX access_log_household ON access_log(household_id, at);
  CREATE TABLE applications (
    id TEXT PRIMARY KEY, household_id TEXT NOT NULL, kind TEXT NOT NULL, status TEXT NOT NULL, fields TEXT NOT NULL,
    reason TEXT, submitted_by TEXT NOT NULL, submitted_at INTEGER NOT NULL, decided_at INTEGER, decided_by TEXT
  );
  CREATE TABLE documents (
    id TEXT PRIMARY KEY, application_id TEXT NOT NULL REFERENCES applications(id), file_name TEXT NOT NULL,
    content_type TEXT NOT NULL, size INTEGER NOT NULL, sha256 TEXT NOT NULL, path TEXT NOT NULL, uploaded_at INTEGER NOT NULL
  );
  CREATE TABLE notices (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, title TEXT NOT NULL, published_at INTEGER NOT NULL, body TEXT NOT NULL, entries TEXT NOT NULL
  );
  `,
  // 2: keep the calculator's full settlement and the cap remaining after each claim
  `
  ALTER TABLE claims ADD COLUMN settlement TEXT;
  ALTER TABLE claims ADD COLUMN cap_remaining_fen INTEGER;
  `,
  // 3: the background job's look-ups (paid orders to match, notifies to redeliver) read small
  // partial indexes instead of scanning every order and payment every 5 s
  `
  CREATE INDEX orders_unsettled ON orders(status) WHERE status IN ('paid', 'paid_not_matched');
  CREATE INDEX sim_payments_undelivered ON sim_payments(paid_at) WHERE delivered = 0;
  `,
  // 4: who started a payment, as others may see it (masked name; older orders: looked up);
  // Idempotency-Key records for creates that have no key column of their own
  `
  ALTER TABLE orders ADD COLUMN payer_name_masked TEXT;
  CREATE TABLE idempotency_keys (
    user_id TEXT NOT NULL, route TEXT NOT NULL, key TEXT NOT NULL, request_hash TEXT NOT NULL,
    resource_id TEXT NOT NULL, created_at INTEGER NOT NULL, PRIMARY KEY (user_id, route, key)
  ) WITHOUT ROWID;
  `,
  // 5: "多收钱了吗？" reports on a claim; seq numbers the tracking number (FK-<year>-<seq>)
  `
  CREATE TABLE claim_concerns (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, tracking_number TEXT UNIQUE,
    claim_id TEXT NOT NULL REFERENCES claims(id), kind TEXT NOT NULL, amount_fen INTEGER, note TEXT,
    status TEXT NOT NULL DEFAULT 'received', resolution TEXT, reported_by TEXT NOT NULL, created_at INTEGER NOT NULL
  );
  CREATE INDEX claim_concerns_claim ON claim_concerns(claim_id, seq);
  `,
  // 6: a newborn is enrolled by birth certificate before the family has its ID number: id_number
  // becomes nullable; either it or the birth certificate number identifies the person
  {
    rebuildsReferencedTable: true,
    sql: `
  CREATE TABLE persons_new (
    id TEXT PRIMARY KEY, household_id TEXT NOT NULL REFERENCES households(id), name TEXT NOT NULL,
    id_number TEXT UNIQUE, sex TEXT NOT NULL, birth_date TEXT NOT NULL, relation TEXT NOT NULL,
    categories TEXT NOT NULL, phone TEXT, birth_certificate_number TEXT UNIQUE,
    CHECK (id_number IS NOT NULL OR birth_certificate_number IS NOT NULL)
  );
  INSERT INTO persons_new (id, household_id, name, id_number, sex, birth_date, relation, categories, phone)
    SELECT id, household_id, name, id_number, sex, birth_date, relation, categories, phone FROM persons;
  DROP TABLE persons;
  ALTER TABLE persons_new RENAME TO persons;
  CREATE INDEX persons_household ON persons(household_id);
  `
  },
  // 7: the household's notices (someone else paid for us: issue #6), one per settled order at
  // most (order_id UNIQUE), read per user; WeChat subscribe-message answers per user, household
  // and kind.
  `
  CREATE TABLE notifications (
    id TEXT PRIMARY KEY, household_id TEXT NOT NULL REFERENCES households(id), kind TEXT NOT NULL,
    order_id TEXT UNIQUE REFERENCES orders(id), payer_user_id TEXT, payload TEXT NOT NULL, created_at INTEGER NOT NULL
  );
  CREATE INDEX notifications_household ON notifications(household_id, created_at);
  CREATE TABLE notification_reads (
    notification_id TEXT NOT NULL REFERENCES notifications(id), user_id TEXT NOT NULL REFERENCES users(id), read_at INTEGER NOT NULL,
    PRIMARY KEY (notification_id, user_id)
  ) WITHOUT ROWID;
  CREATE TABLE subscriptions (
    user_id TEXT NOT NULL REFERENCES users(id), household_id TEXT NOT NULL REFERENCES households(id), kind TEXT NOT NULL,
    accepted INTEGER NOT NULL, year INTEGER, channel TEXT NOT NULL, updated_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, household_id, kind)
  ) WITHOUT ROWID;
  `,
  // 8: the annual cap used is counted by the calculator's year summary from the settlements
  // (routes/claims.ts); the seed's copies of each year's cap are read no more.
  `DELETE FROM meta WHERE key LIKE 'cap\\_fen\\_%' ESCAPE '\\';`,
  // 9: WeChat Pay (issue 14): an order's prepay at the provider and whether anything is left to ask
  // the provider about it (query a late notify, close it once expired); refunds; money the county
  // could not book, resolved by a reviewer; the daily reconciliation with WeChat's trade bill.
  `
  ALTER TABLE orders ADD COLUMN provider_ref TEXT;
  ALTER TABLE orders ADD COLUMN provider_ref_at INTEGER;
  ALTER TABLE orders ADD COLUMN provider_checked_at INTEGER;
  ALTER TABLE orders ADD COLUMN provider_done_at INTEGER;
  CREATE INDEX orders_provider_open ON orders(created_at) WHERE provider_ref IS NOT NULL AND provider_done_at IS NULL;
  ALTER TABLE payment_notices ADD COLUMN paid_at INTEGER;
  ALTER TABLE payment_notices ADD COLUMN resolution TEXT;
  ALTER TABLE payment_notices ADD COLUMN resolved_by TEXT;
  ALTER TABLE payment_notices ADD COLUMN resolved_at INTEGER;
  CREATE INDEX payment_notices_transaction ON payment_notices(transaction_id);
  CREATE INDEX payment_notices_paid ON payment_notices(paid_at);
  CREATE INDEX payment_notices_unbooked ON payment_notices(received_at)
    WHERE outcome IN ('unknown_order', 'second_payment') AND resolution IS NULL;
  CREATE TABLE refunds (
    id TEXT PRIMARY KEY, order_id TEXT NOT NULL, transaction_id TEXT NOT NULL, amount_fen INTEGER NOT NULL,
    total_fen INTEGER NOT NULL, reason TEXT NOT NULL, status TEXT NOT NULL, provider_refund_id TEXT,
    source TEXT NOT NULL, requested_by TEXT NOT NULL, requested_at INTEGER NOT NULL, completed_at INTEGER
  );
  CREATE INDEX refunds_transaction ON refunds(transaction_id);
  CREATE TABLE reconciliations (
    bill_date TEXT PRIMARY KEY, status TEXT NOT NULL, bill_lines INTEGER NOT NULL, county_lines INTEGER NOT NULL,
    differences INTEGER NOT NULL, run_at INTEGER NOT NULL, detail TEXT
  ) WITHOUT ROWID;
  CREATE TABLE reconciliation_differences (
    id TEXT PRIMARY KEY, bill_date TEXT NOT NULL, kind TEXT NOT NULL, order_id TEXT, transaction_id TEXT,
    refund_id TEXT, bill_fen INTEGER, county_fen INTEGER, bill_at INTEGER, detail TEXT NOT NULL, status TEXT NOT NULL,
    resolution TEXT, resolved_by TEXT, resolved_at INTEGER, found_at INTEGER NOT NULL,
    UNIQUE (bill_date, kind, transaction_id, refund_id)
  );
  CREATE INDEX reconciliation_differences_open ON reconciliation_differences(found_at) WHERE status = 'open';
  `,
  // 10: subscribe messages (issue 14): each acceptance in WeChat's prompt lets the county send one
  // message, so a subscription counts those left; the messages queued and sent (one per key: a
  // reminder or a result is never sent twice), with when they are due (spread) and what happened.
  `
  ALTER TABLE subscriptions ADD COLUMN acceptances INTEGER NOT NULL DEFAULT 0;
  UPDATE subscriptions SET acceptances = accepted;
  CREATE TABLE messages (
    id TEXT PRIMARY KEY, key TEXT NOT NULL UNIQUE, user_id TEXT NOT NULL, household_id TEXT NOT NULL,
    kind TEXT NOT NULL, template_id TEXT NOT NULL, page TEXT NOT NULL, data TEXT NOT NULL, status TEXT NOT NULL,
    due_at INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, errcode INTEGER, sent_at INTEGER, created_at INTEGER NOT NULL
  );
  CREATE INDEX messages_due ON messages(due_at) WHERE status = 'queued';
  CREATE INDEX messages_household ON messages(household_id, user_id, created_at);
  `,
  // 11: abuse resistance (issue 15). One-time codes counted per phone across re-sent codes (sends
  // and failures, durable); sessions end when idle; binding needs proof (a code to the roster phone
  // or the head's approval), every account bound to a household is listed with how and from where;
  // grants expire; the access log also holds who was bound, grants accepted, left, revoked, expired
  // and reviewers' reads (grant and scope optional); one open order per household, year and payer;
  // writes counted per account; documents know who uploaded them and whether they are encrypted.
  `
  CREATE TABLE otp_log (phone TEXT NOT NULL, event TEXT NOT NULL, at INTEGER NOT NULL);
  CREATE INDEX otp_log_phone ON otp_log(phone, event, at);
  ALTER TABLE sessions ADD COLUMN last_seen_at INTEGER;
  UPDATE sessions SET last_seen_at = created_at;
  CREATE INDEX sessions_user ON sessions(user_id);
  CREATE TABLE bindings (
    id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id), person_id TEXT NOT NULL REFERENCES persons(id),
    household_id TEXT NOT NULL REFERENCES households(id), via TEXT NOT NULL, channel TEXT NOT NULL, ip TEXT,
    created_at INTEGER NOT NULL, removed_at INTEGER, removed_by TEXT
  );
  CREATE INDEX bindings_household ON bindings(household_id, created_at);
  CREATE INDEX bindings_user ON bindings(user_id);
  INSERT INTO bindings (id, user_id, person_id, household_id, via, channel, ip, created_at)
    SELECT 'b_' || u.id, u.id, u.person_id, p.household_id, 'before_proof',
      CASE WHEN u.openid IS NOT NULL THEN 'weapp' ELSE 'h5' END, NULL, u.created_at
    FROM users u JOIN persons p ON p.id = u.person_id;
  CREATE TABLE binding_requests (
    id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id), person_id TEXT NOT NULL REFERENCES persons(id),
    household_id TEXT NOT NULL REFERENCES households(id), method TEXT NOT NULL, phone TEXT, code_hash TEXT,
    status TEXT NOT NULL, channel TEXT NOT NULL, ip TEXT, created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL,
    decided_at INTEGER, decided_by TEXT
  );
  CREATE INDEX binding_requests_household ON binding_requests(household_id, status);
  CREATE INDEX binding_requests_user ON binding_requests(user_id, created_at);
  ALTER TABLE grants ADD COLUMN expires_at INTEGER;
  ALTER TABLE grants ADD COLUMN ended TEXT;
  CREATE TABLE access_log_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT, household_id TEXT NOT NULL, grant_id TEXT, actor_user_id TEXT NOT NULL,
    action TEXT NOT NULL, scope TEXT, at INTEGER NOT NULL
  );
  INSERT INTO access_log_new (id, household_id, grant_id, actor_user_id, action, scope, at)
    SELECT id, household_id, grant_id, grantee_user_id, action, scope, at FROM access_log;
  DROP TABLE access_log;
  ALTER TABLE access_log_new RENAME TO access_log;
  CREATE INDEX access_log_household ON access_log(household_id, at);
  DROP INDEX orders_one_open;
  CREATE UNIQUE INDEX orders_one_open ON orders(household_id, year, payer_user_id) WHERE status IN ('created', 'paying');
  CREATE INDEX orders_payer ON orders(payer_user_id, created_at);
  CREATE INDEX applications_submitter ON applications(submitted_by, submitted_at);
  CREATE INDEX applications_status ON applications(status, submitted_at);
  CREATE INDEX claim_concerns_reporter ON claim_concerns(reported_by, created_at);
  ALTER TABLE documents ADD COLUMN uploaded_by TEXT;
  ALTER TABLE documents ADD COLUMN encrypted INTEGER NOT NULL DEFAULT 0;
  CREATE INDEX documents_uploader ON documents(uploaded_by, uploaded_at);
  `,
  // 12: a county that collects through the tax bureau records the bureau's receipts it imported
  // (one row per receipt: importing the same list twice enrols nobody twice)
  `
  CREATE TABLE tax_bureau_payments (
    bureau_receipt TEXT PRIMARY KEY, person_id TEXT REFERENCES persons(id), year INTEGER NOT NULL,
    amount_fen INTEGER, paid_on TEXT NOT NULL, outcome TEXT NOT NULL, message TEXT NOT NULL,
    imported_by TEXT NOT NULL, imported_at INTEGER NOT NULL
  );
  CREATE INDEX tax_bureau_payments_person ON tax_bureau_payments(person_id, year);
  `,
  // 13 (issue 19): statements (参保缴费证明) issued, by verification code, with their masked summary only
  `
  CREATE TABLE statements (
    code TEXT PRIMARY KEY, household_id TEXT NOT NULL REFERENCES households(id), year INTEGER NOT NULL,
    digest TEXT NOT NULL, issued_at INTEGER NOT NULL, summary TEXT NOT NULL
  );
  CREATE INDEX statements_household ON statements(household_id, year, digest);
  `,
  // 14: the county staff's workspace and the assisted path (issue 18). The access log names what
  // was read or done (a document, an application, a consent) and is read by actor and by time for the
  // supervisor's audit; a 村医's or 协管员's consent from a household: a code to the roster phone, a
  // limited time and scope, revocable by the household.
  `
  ALTER TABLE access_log ADD COLUMN subject TEXT;
  CREATE INDEX access_log_actor ON access_log(actor_user_id, at);
  CREATE INDEX access_log_at ON access_log(at, id);
  CREATE INDEX applications_queue ON applications(status, kind, submitted_at, id);
  CREATE TABLE assist_consents (
    id TEXT PRIMARY KEY, assistant_user_id TEXT NOT NULL REFERENCES users(id),
    household_id TEXT NOT NULL REFERENCES households(id), person_id TEXT NOT NULL REFERENCES persons(id),
    phone TEXT, code_hash TEXT, status TEXT NOT NULL, scopes TEXT NOT NULL, created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL, confirmed_at INTEGER, ended_at INTEGER, ended_by TEXT
  );
  CREATE INDEX assist_consents_household ON assist_consents(household_id, created_at);
  CREATE INDEX assist_consents_assistant ON assist_consents(assistant_user_id, created_at);
  `,
  // 15 (issue 19): 门诊慢特病 certified by an approved chronic_disease application (one row per person
  // and disease; chronic claims take the disease from here)
  `
  CREATE TABLE chronic_certifications (
    person_id TEXT NOT NULL REFERENCES persons(id), disease_code TEXT NOT NULL, valid_from TEXT NOT NULL,
    application_id TEXT, certified_at INTEGER NOT NULL,
    PRIMARY KEY (person_id, disease_code)
  );
  `,
  // 16 (issue 18): a notice is changed only before it is public, and withdrawn (never deleted) with a
  // reason: the public list drops it, the staff list keeps it with who withdrew it and why
  `
  ALTER TABLE notices ADD COLUMN edited_at INTEGER;
  ALTER TABLE notices ADD COLUMN withdrawn_at INTEGER;
  ALTER TABLE notices ADD COLUMN withdrawn_by TEXT;
  ALTER TABLE notices ADD COLUMN withdraw_reason TEXT;
  `,
  // 17 (issue 18): a consent given on paper: the assistant's photo of the signed form is an
  // application (kind assist_consent) the county confirms; the consent points at it
  `
  ALTER TABLE assist_consents ADD COLUMN application_id TEXT REFERENCES applications(id);
  `,
  // 18 (issue 19 items 3 and 5, and notices read on any phone) 手工报销: the payout account of a
  // reimbursement application, sealed like the documents (only its masked form readable), and the
  // claim its settlement made (once: UNIQUE) with the reviewer's changed inputs and reasons;
  // estimates a household chose to keep with the county (deleted on request), matched to a settled
  // claim by person and dates; the notices each account has opened.
  `
  CREATE TABLE reimbursements (
    application_id TEXT PRIMARY KEY REFERENCES applications(id), bank_name TEXT NOT NULL,
    account_name TEXT NOT NULL, account_sealed BLOB NOT NULL, account_masked TEXT NOT NULL,
    claim_id TEXT UNIQUE REFERENCES claims(id), adjustments TEXT, settled_by TEXT, settled_at INTEGER
  );
  CREATE TABLE kept_estimates (
    id TEXT PRIMARY KEY, person_id TEXT NOT NULL REFERENCES persons(id), household_id TEXT NOT NULL,
    kept_by TEXT NOT NULL, kept_at INTEGER NOT NULL, care_kind TEXT NOT NULL, admission_date TEXT NOT NULL,
    discharge_date TEXT, answers TEXT NOT NULL, estimate TEXT NOT NULL
  );
  CREATE INDEX kept_estimates_person ON kept_estimates(person_id, admission_date);
  CREATE TABLE notice_reads (
    user_id TEXT NOT NULL REFERENCES users(id), notice_id TEXT NOT NULL, read_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, notice_id)
  );
  `,
  // 19 (issue 20, several processes): the background jobs' lease (one pass at a time among every
  // process: job-lease.ts) and the cheap-to-refuse limits counted in the database when several
  // processes serve the county (shared-limits.ts). SQL both engines accept.
  `
  CREATE TABLE job_leases (name TEXT PRIMARY KEY, holder TEXT NOT NULL, until_ms BIGINT NOT NULL);
  CREATE TABLE rate_counts (
    limit_name TEXT NOT NULL, key TEXT NOT NULL, window_start BIGINT NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (limit_name, key)
  );
  CREATE INDEX rate_counts_window ON rate_counts(window_start);
  `
]
