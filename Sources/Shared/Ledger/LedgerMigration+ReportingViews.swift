extension LedgerMigration {
    /// The views reports, dashboards and the scorecard read. Net PnL = realized − commission + funding.
    static let reportingViews = LedgerMigration(
        version: 2, name: "reporting_views",
        sql: """
            -- Every money movement the ledger knows, one row each: order fills (realized PnL and fees) and funding.
            CREATE VIEW ledger_pnl_events AS
                SELECT executed_at AS at, symbol, realized_pnl, commission, 0::numeric AS funding,
                       COALESCE(exit_reason, CASE WHEN reduce_only THEN 'other' ELSE 'entry' END) AS exit_reason,
                       COALESCE(NULLIF(plan_source, ''), 'unknown') AS source
                  FROM ledger_orders
                UNION ALL
                SELECT funding_time, symbol, 0, 0, amount, 'funding', 'exchange' FROM ledger_funding;

            CREATE VIEW ledger_pnl_daily AS
                SELECT (at AT TIME ZONE 'UTC')::date AS day, sum(realized_pnl) AS realized_pnl,
                       sum(commission) AS commission, sum(funding) AS funding,
                       sum(realized_pnl) - sum(commission) + sum(funding) AS net_pnl
                  FROM ledger_pnl_events GROUP BY 1;

            CREATE VIEW ledger_pnl_weekly AS
                SELECT date_trunc('week', at AT TIME ZONE 'UTC')::date AS week, sum(realized_pnl) AS realized_pnl,
                       sum(commission) AS commission, sum(funding) AS funding,
                       sum(realized_pnl) - sum(commission) + sum(funding) AS net_pnl
                  FROM ledger_pnl_events GROUP BY 1;

            CREATE VIEW ledger_pnl_monthly AS
                SELECT date_trunc('month', at AT TIME ZONE 'UTC')::date AS month, sum(realized_pnl) AS realized_pnl,
                       sum(commission) AS commission, sum(funding) AS funding,
                       sum(realized_pnl) - sum(commission) + sum(funding) AS net_pnl
                  FROM ledger_pnl_events GROUP BY 1;

            CREATE VIEW ledger_pnl_by_symbol AS
                SELECT symbol, sum(realized_pnl) AS realized_pnl, sum(commission) AS commission, sum(funding) AS funding,
                       sum(realized_pnl) - sum(commission) + sum(funding) AS net_pnl
                  FROM ledger_pnl_events GROUP BY 1;

            CREATE VIEW ledger_pnl_by_exit_reason AS
                SELECT exit_reason, sum(realized_pnl) AS realized_pnl, sum(commission) AS commission, sum(funding) AS funding,
                       sum(realized_pnl) - sum(commission) + sum(funding) AS net_pnl, count(*) AS events
                  FROM ledger_pnl_events GROUP BY 1;

            CREATE VIEW ledger_pnl_by_source AS
                SELECT source, sum(realized_pnl) AS realized_pnl, sum(commission) AS commission, sum(funding) AS funding,
                       sum(realized_pnl) - sum(commission) + sum(funding) AS net_pnl
                  FROM ledger_pnl_events GROUP BY 1;

            -- Round trips with the derived figures.
            CREATE VIEW ledger_round_trip_report AS
                SELECT id, exchange, symbol, side, status, opened_at, closed_at,
                       entry_notional / NULLIF(entry_qty, 0) AS avg_entry_price,
                       exit_notional / NULLIF(exit_qty, 0) AS avg_exit_price,
                       entry_qty AS quantity, exit_qty, gross_pnl, fees, funding,
                       gross_pnl - fees + funding AS net_pnl,
                       (gross_pnl - fees + funding) / NULLIF(entry_risk_usdt, 0) AS r_multiple,
                       closed_at - opened_at AS holding_time,
                       exit_action, exit_reason, kill_score, reason_codes, entry_source, exit_source, exits
                  FROM ledger_round_trips;

            -- The cumulative net PnL curve: every money movement in time order, starting from 0.
            CREATE VIEW ledger_equity_curve AS
                SELECT at, symbol, realized_pnl - commission + funding AS net,
                       sum(realized_pnl - commission + funding) OVER (ORDER BY at ROWS UNBOUNDED PRECEDING) AS equity
                  FROM ledger_pnl_events;

            -- Per symbol and UTC day, what reconcile compares with the exchange's income history.
            CREATE VIEW ledger_pnl_by_symbol_day AS
                SELECT symbol, (at AT TIME ZONE 'UTC')::date AS day, sum(realized_pnl) AS realized_pnl,
                       sum(commission) AS commission, sum(funding) AS funding
                  FROM ledger_pnl_events GROUP BY 1, 2;

            -- Win rate, profit factor, expectancy, average win / loss and largest loss over closed round
            -- trips; max drawdown of the cumulative net PnL curve (peak from 0).
            CREATE VIEW ledger_trade_stats AS
                WITH closed AS (
                    SELECT gross_pnl - fees + funding AS net FROM ledger_round_trips WHERE status = 'closed'
                ), drawdown AS (
                    SELECT max(peak - equity) AS max_drawdown FROM (
                        SELECT equity, greatest(0, max(equity) OVER (ORDER BY at ROWS UNBOUNDED PRECEDING)) AS peak
                          FROM ledger_equity_curve
                    ) d
                )
                SELECT count(*) AS trades,
                       count(*) FILTER (WHERE net > 0) AS wins,
                       count(*) FILTER (WHERE net <= 0) AS losses,
                       round(count(*) FILTER (WHERE net > 0)::numeric / NULLIF(count(*), 0), 6) AS win_rate,
                       sum(net) FILTER (WHERE net > 0) / NULLIF(abs(sum(net) FILTER (WHERE net < 0)), 0) AS profit_factor,
                       avg(net) AS expectancy,
                       avg(net) FILTER (WHERE net > 0) AS avg_win,
                       avg(net) FILTER (WHERE net <= 0) AS avg_loss,
                       min(net) FILTER (WHERE net < 0) AS largest_loss,
                       COALESCE((SELECT max_drawdown FROM drawdown), 0) AS max_drawdown
                  FROM closed;

            -- The exit-plan funnel per UTC hour, counted in distinct plans: close plans answered and
            -- executed, entries answered and executed, duplicate entries blocked.
            CREATE VIEW ledger_exit_funnel AS
                WITH tagged AS (
                    SELECT date_trunc('hour', result_time AT TIME ZONE 'UTC') AS hour, plan_id, executed, error_code,
                           reduce_only OR upper(COALESCE(action, '')) IN ('FULL_CLOSE_PROPOSED', 'PARTIAL_CLOSE_PROPOSED',
                               'PARTIAL_75', 'PARTIAL_50', 'PARTIAL_25', 'FULL_CLOSE', 'CLOSE') AS is_close
                      FROM ledger_results
                )
                SELECT hour,
                       count(DISTINCT plan_id) FILTER (WHERE is_close) AS close_plans,
                       count(DISTINCT plan_id) FILTER (WHERE is_close AND executed) AS closes_executed,
                       count(DISTINCT plan_id) FILTER (WHERE NOT is_close) AS entry_plans,
                       count(DISTINCT plan_id) FILTER (WHERE NOT is_close AND executed) AS entries_executed,
                       count(DISTINCT plan_id) FILTER (WHERE error_code = 'position_exists') AS duplicates_blocked
                  FROM tagged GROUP BY 1;

            CREATE VIEW ledger_skipped_by_reason AS
                SELECT error_code, count(*) AS results, min(result_time) AS first_seen, max(result_time) AS last_seen
                  FROM ledger_results WHERE NOT executed GROUP BY 1;
            """)
}
