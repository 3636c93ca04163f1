import ArgumentParser
import Foundation
import GuichetProtocol

/// `guichet-server`: the métropole's central server and its administration commands.
public struct GuichetServerCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "guichet-server",
        abstract: "Serveur central de la demande de logement social de la métropole.",
        subcommands: [ServeCommand.self, GuichetCommand.self, DeviceCommand.self, ConflictsCommand.self, OffreCommand.self, MatchCommand.self,
                      CotationCommand.self, DemoCommand.self, StaffCommand.self, RapportCommand.self],
        defaultSubcommand: ServeCommand.self
    )

    public init() {}
}

/// Where the data lives: a folder (pièces, default SQLite file) and optionally another database.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("data"), help: "Dossier des données (pièces, base SQLite par défaut). Variable GUICHET_DATA.")
    var data: String = ProcessInfo.processInfo.environment["GUICHET_DATA"] ?? "./guichet-data"

    @Option(name: .customLong("db"), help: "Base : postgres://utilisateur:motdepasse@hôte:port/base, ou chemin d'un fichier SQLite (défaut : DATA/guichet.sqlite). Variable GUICHET_DB.")
    var db: String?

    @Flag(name: .customLong("json"), help: "Sortie JSON.")
    var json = false

    var dataDirectory: URL { URL(fileURLWithPath: data, isDirectory: true) }

    func openStore() async throws -> any Store {
        try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
        return try await StoreFactory.open(db ?? ProcessInfo.processInfo.environment["GUICHET_DB"] ?? dataDirectory.appendingPathComponent("guichet.sqlite").path)
    }

    func service() async throws -> SyncService { SyncService(store: try await openStore()) }
}

/// Opens the store a `--db` value names.
public enum StoreFactory {
    /// `postgres://user:password@host:port/database` opens PostgreSQL; anything else is a SQLite file path.
    public static func open(_ location: String) async throws -> any Store {
        if location.hasPrefix("postgres://") || location.hasPrefix("postgresql://") {
            return try await PostgresStore(url: location)
        }
        let path = location.hasPrefix("sqlite:") ? String(location.dropFirst("sqlite:".count)) : location
        return try SQLiteStore(path: path)
    }
}

/// Prints a value as JSON or as text.
func emit(_ value: some Encodable, json: Bool, text: () -> String) throws {
    if json {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    } else {
        print(text())
    }
}

/// Runs an administration action, turning typed refusals into a French message on stderr and exit code 1.
func runAdmin(json: Bool, _ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as AdminError {
        try fail(code: error.code, message: error.message, json: json)
    } catch let error as GuichetProtocolProblem {
        try fail(code: error.code, message: error.detail, json: json)
    }
}

typealias GuichetProtocolProblem = GuichetProtocol.Problem

func fail(code: String, message: String, json: Bool) throws -> Never {
    if json {
        struct Failure: Encodable { var error: String; var message: String }
        let data = try JSONEncoder().encode(Failure(error: code, message: message))
        FileHandle.standardError.write(data + Data("\n".utf8))
    } else {
        FileHandle.standardError.write(Data("erreur : \(message)\n".utf8))
    }
    throw ExitCode(1)
}
