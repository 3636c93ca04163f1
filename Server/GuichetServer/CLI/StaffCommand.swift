import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `guichet-server staff`: the métropole staff accounts of the pilotage dashboard.
struct StaffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "staff", abstract: "Comptes des agents de la métropole (tableau de bord).",
                                                    subcommands: [Add.self, List.self, Password.self, Disable.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Crée un compte. Le mot de passe (12 caractères au moins) est lu sur l'entrée standard, ou dans GUICHET_MOT_DE_PASSE.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Identifiant de connexion.") var login: String
        @Option(help: "Nom affiché.") var nom: String

        func run() async throws {
            try await runAdmin(json: store.json) {
                let row = try await StaffAccounts(store: try await store.openStore()).creer(login: login, nom: nom, motDePasse: try lireMotDePasse())
                struct Sortie: Encodable { var login: String; var nom: String }
                try emit(Sortie(login: row.login, nom: row.nom), json: store.json) { "Compte « \(row.login) » créé." }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Liste les comptes.")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await runAdmin(json: store.json) {
                let comptes = try await StaffAccounts(store: try await store.openStore()).liste()
                struct Ligne: Encodable { var login: String; var nom: String; var actif: Bool; var derniereConnexion: Date? }
                let lignes = comptes.map { Ligne(login: $0.login, nom: $0.nom, actif: $0.disabledAt == nil, derniereConnexion: $0.lastLoginAt) }
                try emit(lignes, json: store.json) {
                    lignes.isEmpty ? "Aucun compte." : lignes.map { "\($0.login)\t\($0.nom)\t\($0.actif ? "actif" : "désactivé")" }.joined(separator: "\n")
                }
            }
        }
    }

    struct Password: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "password", abstract: "Change le mot de passe d'un compte (lu comme pour add).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Identifiant.") var login: String

        func run() async throws {
            try await runAdmin(json: store.json) {
                try await StaffAccounts(store: try await store.openStore()).changerMotDePasse(login: login, motDePasse: try lireMotDePasse())
                try emit(["login": login], json: store.json) { "Mot de passe de « \(login) » changé." }
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "disable", abstract: "Désactive un compte (il reste dans le journal d'audit).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Identifiant.") var login: String

        func run() async throws {
            try await runAdmin(json: store.json) {
                try await StaffAccounts(store: try await store.openStore()).desactiver(login: login)
                try emit(["login": login], json: store.json) { "Compte « \(login) » désactivé : ses sessions ouvertes sont refusées dès la requête suivante." }
            }
        }
    }
}

/// The password from GUICHET_MOT_DE_PASSE, else one line of standard input (not echoed on a terminal).
func lireMotDePasse() throws -> String {
    if let m = ProcessInfo.processInfo.environment["GUICHET_MOT_DE_PASSE"], !m.isEmpty { return m }
    let terminal = isatty(STDIN_FILENO) == 1
    var ancien = termios()
    if terminal {
        FileHandle.standardError.write(Data("Mot de passe : ".utf8))
        tcgetattr(STDIN_FILENO, &ancien)
        var sansEcho = ancien
        sansEcho.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSANOW, &sansEcho)
    }
    defer {
        if terminal {
            tcsetattr(STDIN_FILENO, TCSANOW, &ancien)
            FileHandle.standardError.write(Data("\n".utf8))
        }
    }
    guard let ligne = readLine(strippingNewline: true), !ligne.isEmpty else {
        throw AdminError(code: "validation", message: "Mot de passe absent : donnez-le sur l'entrée standard ou dans GUICHET_MOT_DE_PASSE.")
    }
    return ligne
}
