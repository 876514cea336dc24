import Foundation
import Logging
import Shared

/// The clients every subcommand builds from the daemons' own environment keys.
struct ChaosEnvironment {
    let env = EnvironmentReader()
    let logger: Logger

    init() {
        var logger = Logger(label: "qtchaos")
        logger.logLevel = .warning
        self.logger = logger
    }

    func redis(name: String) throws -> RedisClient {
        RedisClient(configuration: try RedisConfiguration(environment: env), name: name, logger: logger)
    }

    func postgres() throws -> PostgresClient {
        PostgresClient(configuration: try PostgresConfiguration(environment: env), name: "qtchaos", logger: logger)
    }

    func exchange() throws -> BinanceFuturesClient {
        let configuration = try BinanceFuturesClient.Configuration(environment: env.values, mode: .paper)
        return BinanceFuturesClient(configuration: configuration, logger: logger)
    }

    var planStream: String { env.string("APPLY_PLAN_STREAM", default: "quantum:stream:apply.plan") }
    var resultStream: String { env.string("APPLY_RESULT_STREAM", default: "quantum:stream:apply.result") }
    var deadLetterStream: String { env.string("STREAM_DEADLETTER", default: "quantum:stream:deadletter") }
}
