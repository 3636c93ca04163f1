import ArgumentParser
import Foundation
import GuichetDomain
import Hummingbird
import Logging

/// `guichet-server serve`: runs the server until SIGTERM/SIGINT (graceful shutdown).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Démarre le serveur (SQLite embarqué par défaut).")

    @OptionGroup var store: StoreOptions

    @Option(help: "Adresse d'écoute.") var host: String = ProcessInfo.processInfo.environment["GUICHET_HOST"] ?? "127.0.0.1"
    @Option(help: "Port d'écoute.") var port: Int = Int(ProcessInfo.processInfo.environment["GUICHET_PORT"] ?? "") ?? 8080
    @Option(help: "Département de la métropole (préfixe des numéros uniques).") var departement: String = "38"
    @Option(help: "Taille maximale d'une pièce, en Mo.") var maxPieceMo: Int = 20
    @Option(help: "Grille de cotation de la métropole (JSON, format de Sources/Resources/cotation/grille-exemple-2026.json) ; défaut : la grille d'exemple.")
    var grille: String?
    @Option(help: "Niveau de journalisation (trace, debug, info, notice, warning, error).") var logLevel: String = "info"

    func run() async throws {
        let communes = try ReferentielCommunes.chargerMetropole()
        var configuration = ServerConfiguration(host: host, port: port, dataDirectory: store.dataDirectory, maximumPieceSize: maxPieceMo << 20,
                                                sync: SyncConfiguration(departement: departement, communesConnues: communes.codesInsee))
        configuration.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        if let grille {
            // A bad grid refuses to start, with the precise problem.
            guard let data = FileManager.default.contents(atPath: grille) else {
                FileHandle.standardError.write(Data("erreur : grille de cotation illisible : \(grille)\n".utf8))
                throw ExitCode(1)
            }
            do { configuration.grille = try GrilleCotation(json: data) } catch {
                FileHandle.standardError.write(Data("erreur : grille de cotation invalide (\(grille)) : \(error)\n".utf8))
                throw ExitCode(1)
            }
        }
        let app = try await buildApplication(configuration: configuration, store: try await store.openStore())
        try await app.runService()
    }
}
