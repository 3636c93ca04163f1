import Foundation
import GuichetServer
import Logging
import NIOCore
import NIOPosix
import PostgresNIO
import Testing

/// The stores the conformance suite runs against: every store-backed server test takes one of these.
public enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres
    public var testDescription: String { rawValue }

    /// A fresh, empty store (a temporary SQLite file, or a new PostgreSQL database).
    public func makeStore(in directory: URL) async throws -> any Store {
        switch self {
        case .sqlite:
            return try SQLiteStore(path: directory.appendingPathComponent("guichet.sqlite").path)
        case .postgres:
            return try await PostgresStore(url: try await TestPostgres.freshDatabase())
        }
    }
}

/// PostgreSQL for tests: `GUICHET_TEST_POSTGRES_URL` names a database the role may create databases from.
public enum TestPostgres {
    public static let howTo = """
        PostgreSQL est requis pour la suite de conformance des stockages. Démarrez-le puis relancez :
            eval "$(bash scripts/start-test-postgres.sh)" && swift test
        (ou simplement : bash scripts/test.sh)
        """

    public static func baseURL() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["GUICHET_TEST_POSTGRES_URL"], !url.isEmpty else {
            throw MissingPostgres()
        }
        return url
    }

    public struct MissingPostgres: Error, CustomStringConvertible {
        public var description: String { "GUICHET_TEST_POSTGRES_URL absent. " + TestPostgres.howTo }
    }

    /// Creates a new database for one test and returns its URL.
    public static func freshDatabase() async throws -> String {
        let base = try baseURL()
        guard var components = URLComponents(string: base), let host = components.host, let user = components.user else {
            throw MissingPostgres()
        }
        let name = "guichet_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        let config = PostgresConnection.Configuration(host: host, port: components.port ?? 5432, username: user, password: components.password,
                                                      database: String(components.path.dropFirst()), tls: .disable)
        let connection = try await PostgresConnection.connect(configuration: config, id: 1, logger: Logger(label: "test"))
        do {
            try await connection.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: Logger(label: "test"))
            try await connection.close()
        } catch {
            try? await connection.close()
            throw error
        }
        components.path = "/" + name
        return components.string!
    }
}
