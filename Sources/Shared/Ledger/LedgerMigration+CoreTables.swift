extension LedgerMigration {
    /// Results, orders, fills, round trips, funding, exchange income and reconciliation runs.
    static let coreTables = LedgerMigration(
        version: 1, name: "core_tables",
        sql: """
            -- Every result consumed from quantum:stream:apply.result, executed or not (the funnel and
            -- the non-executed results by reason come from here). One row per stream entry.
            CREATE TABLE ledger_results (
                id            bigserial PRIMARY KEY,
                stream        text        NOT NULL,
                entry_id      text        NOT NULL,
                plan_id       text,
                symbol        text,
                action        text,
                decision      text,
                executed      boolean     NOT NULL,
                reduce_only   boolean     NOT NULL DEFAULT false,
                error         text        NOT NULL DEFAULT '',
                error_code    text        NOT NULL DEFAULT '',
                producer      text,
                result_time   timestamptz NOT NULL,
                recorded_at   timestamptz NOT NULL DEFAULT now(),
                fields        jsonb       NOT NULL,
                UNIQUE (stream, entry_id)
            );
            CREATE INDEX ledger_results_time ON ledger_results (result_time);
            CREATE INDEX ledger_results_plan ON ledger_results (plan_id);

            -- Round trips: one position lifecycle per symbol, from the first entry fill to flat.
            CREATE TABLE ledger_round_trips (
                id              bigserial PRIMARY KEY,
                exchange        text        NOT NULL,
                symbol          text        NOT NULL,
                side            text        NOT NULL CHECK (side IN ('LONG', 'SHORT')),
                status          text        NOT NULL CHECK (status IN ('open', 'closed')),
                opened_at       timestamptz NOT NULL,
                closed_at       timestamptz,
                entry_qty       numeric     NOT NULL DEFAULT 0,
                entry_notional  numeric     NOT NULL DEFAULT 0,
                exit_qty        numeric     NOT NULL DEFAULT 0,
                exit_notional   numeric     NOT NULL DEFAULT 0,
                gross_pnl       numeric     NOT NULL DEFAULT 0,
                fees            numeric     NOT NULL DEFAULT 0,
                funding         numeric     NOT NULL DEFAULT 0,
                entry_risk_usdt numeric,
                entry_plan_id   text,
                entry_source    text,
                exit_action     text,
                exit_reason     text,
                exit_source     text,
                kill_score      double precision,
                reason_codes    text,
                exits           integer     NOT NULL DEFAULT 0
            );
            CREATE UNIQUE INDEX ledger_round_trips_one_open ON ledger_round_trips (exchange, symbol) WHERE status = 'open';
            CREATE INDEX ledger_round_trips_closed ON ledger_round_trips (closed_at);

            -- Orders with their fills summed, as applylayer reported them (from the exchange's userTrades).
            -- pnl_reported is false when the result carried no realized PnL / average price (Python
            -- producers); reconcile shows those against the exchange's income history.
            CREATE TABLE ledger_orders (
                id               bigserial PRIMARY KEY,
                exchange         text        NOT NULL,
                symbol           text        NOT NULL,
                order_id         text,
                client_order_id  text,
                plan_id          text,
                side             text        NOT NULL CHECK (side IN ('BUY', 'SELL')),
                reduce_only      boolean     NOT NULL,
                action           text,
                status           text,
                filled_qty       numeric     NOT NULL CHECK (filled_qty > 0),
                avg_price        numeric     NOT NULL CHECK (avg_price >= 0),
                realized_pnl     numeric     NOT NULL DEFAULT 0,
                commission       numeric     NOT NULL DEFAULT 0,
                commission_asset text,
                pnl_reported     boolean     NOT NULL DEFAULT true,
                kill_score       double precision,
                reason_codes     text,
                exit_reason      text,
                plan_source      text,
                executed_at      timestamptz NOT NULL,
                round_trip_id    bigint REFERENCES ledger_round_trips (id),
                result_id        bigint REFERENCES ledger_results (id)
            );
            CREATE UNIQUE INDEX ledger_orders_exchange_id ON ledger_orders (exchange, symbol, order_id) WHERE order_id IS NOT NULL;
            CREATE UNIQUE INDEX ledger_orders_plan_without_id ON ledger_orders (plan_id) WHERE order_id IS NULL;
            CREATE INDEX ledger_orders_time ON ledger_orders (executed_at);

            -- Individual trades, when read from the exchange (userTrades).
            CREATE TABLE ledger_fills (
                id               bigserial PRIMARY KEY,
                exchange         text        NOT NULL,
                symbol           text        NOT NULL,
                trade_id         text        NOT NULL,
                order_id         text        NOT NULL,
                side             text        NOT NULL CHECK (side IN ('BUY', 'SELL')),
                qty              numeric     NOT NULL,
                price            numeric     NOT NULL,
                realized_pnl     numeric     NOT NULL DEFAULT 0,
                commission       numeric     NOT NULL DEFAULT 0,
                commission_asset text,
                trade_time       timestamptz NOT NULL,
                UNIQUE (exchange, symbol, trade_id)
            );

            -- Funding fees paid or received.
            CREATE TABLE ledger_funding (
                id           bigserial PRIMARY KEY,
                exchange     text        NOT NULL,
                symbol       text        NOT NULL,
                tran_id      text        NOT NULL,
                amount       numeric     NOT NULL,
                asset        text        NOT NULL,
                funding_time timestamptz NOT NULL,
                UNIQUE (exchange, tran_id)
            );
            CREATE INDEX ledger_funding_time ON ledger_funding (funding_time);

            -- The exchange's own income history, as read by reconcile (REALIZED_PNL, COMMISSION, FUNDING_FEE, …).
            CREATE TABLE ledger_income (
                id          bigserial PRIMARY KEY,
                exchange    text        NOT NULL,
                symbol      text        NOT NULL,
                income_type text        NOT NULL,
                tran_id     text        NOT NULL,
                amount      numeric     NOT NULL,
                asset       text        NOT NULL,
                income_time timestamptz NOT NULL,
                trade_id    text,
                fetched_at  timestamptz NOT NULL DEFAULT now(),
                UNIQUE (exchange, income_type, tran_id)
            );
            CREATE INDEX ledger_income_time ON ledger_income (income_time);

            -- What each reconcile run found, per symbol and UTC day.
            CREATE TABLE ledger_reconciliations (
                id                  bigserial PRIMARY KEY,
                run_at              timestamptz NOT NULL DEFAULT now(),
                exchange            text        NOT NULL,
                symbol              text        NOT NULL,
                day                 date        NOT NULL,
                ledger_realized     numeric     NOT NULL,
                exchange_realized   numeric     NOT NULL,
                ledger_commission   numeric     NOT NULL,
                exchange_commission numeric     NOT NULL,
                ledger_funding      numeric     NOT NULL,
                exchange_funding    numeric     NOT NULL,
                drift               numeric     NOT NULL,
                tolerance           numeric     NOT NULL,
                within_tolerance    boolean     NOT NULL
            );
            """)
}
