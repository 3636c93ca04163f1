import ArgumentParser
import Foundation
import GuichetDomain
import GuichetProtocol

/// `guichet`: the point d'accueil's offline client.
public struct GuichetCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "guichet",
        abstract: "Client hors ligne d'un point d'accueil de la demande de logement social.",
        discussion: "Codes de sortie : 0 succès ; 1 refus (saisie invalide, action non autorisée, élément introuvable) ; 2 refus du serveur ; 3 serveur injoignable (rien n'est perdu, relancez « guichet sync »).",
        subcommands: [EnrollCommand.self, DemandeCommand.self, PieceCommand.self, AccueilCommand.self, SyncCommand.self, StatusCommand.self,
                      ConflictsCommand.self]
    )
    public init() {}
}

/// Options every command shares.
struct ClientOptions: ParsableArguments {
    @Option(name: .customLong("data"), help: "Dossier de l'appareil (réplique SQLite et pièces). Variable GUICHET_DATA.")
    var data: String?

    @Option(help: "Identifiant de l'agent (journal d'audit). Variable GUICHET_AGENT.")
    var agent: String?

    @Flag(name: .customLong("json"), help: "Sortie JSON, sans progression.")
    var json = false

    var directory: URL {
        if let data { return URL(fileURLWithPath: data, isDirectory: true) }
        let env = ProcessInfo.processInfo.environment
        if let d = env["GUICHET_DATA"] { return URL(fileURLWithPath: d, isDirectory: true) }
        let base = env["XDG_DATA_HOME"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".local/share")
        return base.appendingPathComponent("guichet", isDirectory: true)
    }

    func client() throws -> GuichetClient {
        GuichetClient(replica: try Replica(directory: directory),
                      agent: agent ?? ProcessInfo.processInfo.environment["GUICHET_AGENT"] ?? ProcessInfo.processInfo.environment["USER"] ?? "agent")
    }

    /// Runs a command body, printing refusals in French and exiting non-zero.
    func run(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let e as ClientError {
            try fail(code: e.code.rawValue, message: e.description, exit: e.code == .reseau ? 3 : 1)
        } catch let e as APIError {
            try fail(code: "serveur", message: e.description, exit: e.isRetryable ? 3 : 2)
        } catch let e as Replica.NotEnrolled {
            try fail(code: "nonEnrole", message: e.description, exit: 1)
        } catch let e as DecodingError {
            try fail(code: "saisie", message: "Fichier de demande invalide : \(DecodingDescription.describe(e))", exit: 1)
        }
    }

    func fail(code: String, message: String, exit: Int32) throws -> Never {
        if json {
            struct Failure: Encodable { var error: String; var message: String }
            FileHandle.standardError.write((try JSONEncoder().encode(Failure(error: code, message: message))) + Data("\n".utf8))
        } else {
            FileHandle.standardError.write(Data("erreur : \(message)\n".utf8))
        }
        throw ExitCode(exit)
    }

    /// A demande named on the command line: a demande of this desk (id or numéro unique), or a numéro unique the
    /// desk has never seen (any point may receive any demandeur).
    func reference(_ text: String, in client: GuichetClient) async throws -> DemandeRef {
        if let view = try? await client.find(text) { return DemandeRef(id: view.demande.id) }
        if let nur = try? NumeroUnique(text) { return DemandeRef(numeroUnique: nur) }
        throw ClientError(code: .introuvable, message: "« \(text) » n'est ni une demande de ce poste ni un numéro unique valide.")
    }

    func emit(_ value: some Encodable, text: () -> String) throws {
        if json {
            let encoder = WireCoding.encoder
            let data = try encoder.encode(value)
            print(String(decoding: data, as: UTF8.self))
        } else {
            print(text())
        }
    }
}

/// Reads a demande typed by an agent (file or standard input), tolerant of a missing id or status.
enum SaisieDecoding {
    static func demande(from path: String?, id: UUID? = nil) throws -> Demande {
        let data: Data
        if let path, path != "-" {
            guard let d = FileManager.default.contents(atPath: path) else {
                throw ClientError(code: .fichier, message: "Fichier introuvable ou illisible : \(path).")
            }
            data = d
        } else {
            data = FileHandle.standardInput.readDataToEndOfFile()
        }
        var json: JSONValue
        do { json = try WireCoding.decoder.decode(JSONValue.self, from: data) } catch {
            throw ClientError(code: .validation, message: "Le fichier n'est pas du JSON valide.")
        }
        if let id { try json.set(.string(id.uuidString), at: "id") }
        if json[path: "id"] == .null { try json.set(.string(UUID.v7().uuidString), at: "id") }
        if json[path: "statut"] == .null { try json.set(.string("brouillon"), at: "statut") }
        for key in ["motifs", "coDemandeurs", "personnesACharge", "enfantsDroitDeVisite", "priorites"] where json[path: key] == .null {
            try json.set(.array([]), at: key)
        }
        if json[path: "enfantsANaitre"] == .null { try json.set(.number(0), at: "enfantsANaitre") }
        if json[path: "dalo"] == .null { try json.set(.bool(false), at: "dalo") }
        if json[path: "dates"] == .null { try json.set(.object([:]), at: "dates") }
        return try json.decode(Demande.self)
    }
}
