import ArgumentParser
import Foundation
import GuichetDomain

/// `guichet-server guichet add|list|revoke|code`.
struct GuichetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "guichet", abstract: "Gère les points d'accueil.",
                                                    subcommands: [Add.self, List.self, Revoke.self, Code.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Crée un guichet et affiche son code d'enrôlement à usage unique.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Code à 5 caractères A–Z/0–9 (il entre dans les numéros uniques).") var code: String
        @Option(help: "Nom du point d'accueil.") var nom: String
        @Option(help: "Code INSEE de la commune.") var commune: String
        @Option(help: "Niveau de service (1, 2 ou 3).") var niveau: Int
        @Option(help: "Type : communal, bailleur, metropole, permanenceMobile.") var type: String = "communal"

        func run() async throws {
            try await runAdmin(json: store.json) {
                guard let niveau = Niveau(rawValue: self.niveau) else {
                    throw AdminError(code: "validation", message: "Le niveau doit valoir 1, 2 ou 3.")
                }
                guard let type = TypeGuichet(rawValue: self.type) else {
                    throw AdminError(code: "validation", message: "Type inconnu « \(self.type) » : communal, bailleur, metropole ou permanenceMobile.")
                }
                let guichet = Guichet(code: code.uppercased(), nom: nom, communeInsee: commune, niveau: niveau, type: type)
                let enrollment = try await store.service().addGuichet(guichet)
                struct Out: Encodable { var guichet: Guichet; var enrollmentCode: String }
                try emit(Out(guichet: guichet, enrollmentCode: enrollment), json: store.json) {
                    "Guichet \(guichet.code) créé (niveau \(guichet.niveau.rawValue), \(guichet.type.rawValue)).\nCode d'enrôlement (usage unique) : \(enrollment)"
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Liste les guichets et leurs appareils.")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await runAdmin(json: store.json) {
                let listings = try await store.service().guichets()
                try emit(listings, json: store.json) {
                    listings.map { l in
                        let state = l.revokedAt == nil ? "" : " (révoqué)"
                        let devices = l.devices.map { "    appareil \($0.id) « \($0.name) » dernière commande \($0.lastApplied)\($0.revokedAt == nil ? "" : " (révoqué)")" }
                        return (["\(l.guichet.code)  niveau \(l.guichet.niveau.rawValue)  \(l.guichet.type.rawValue)  \(l.guichet.nom)\(state)"] + devices)
                            .joined(separator: "\n")
                    }.joined(separator: "\n")
                }
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Révoque un guichet : tous ses appareils perdent l'accès.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Code du guichet.") var code: String

        func run() async throws {
            try await runAdmin(json: store.json) {
                try await store.service().revokeGuichet(code: code.uppercased())
                struct Out: Encodable { var revoked: String }
                try emit(Out(revoked: code.uppercased()), json: store.json) { "Guichet \(code.uppercased()) révoqué." }
            }
        }
    }

    struct Code: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Émet un nouveau code d'enrôlement pour un guichet existant.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Code du guichet.") var code: String

        func run() async throws {
            try await runAdmin(json: store.json) {
                let secret = try await store.service().newEnrollmentCode(guichet: code.uppercased())
                struct Out: Encodable { var guichet: String; var enrollmentCode: String }
                try emit(Out(guichet: code.uppercased(), enrollmentCode: secret), json: store.json) { "Code d'enrôlement (usage unique) : \(secret)" }
            }
        }
    }
}

/// `guichet-server device revoke`.
struct DeviceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "device", abstract: "Gère les appareils enrôlés.", subcommands: [Revoke.self])

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Révoque un appareil (ordinateur perdu).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Identifiant de l'appareil (voir guichet list).") var id: String

        func run() async throws {
            try await runAdmin(json: store.json) {
                try await store.service().revokeDevice(id: id.lowercased())
                struct Out: Encodable { var revoked: String }
                try emit(Out(revoked: id.lowercased()), json: store.json) { "Appareil \(id.lowercased()) révoqué." }
            }
        }
    }
}
