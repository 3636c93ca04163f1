import ArgumentParser
import Foundation
import GuichetProtocol

/// `guichet-server conflicts list|resolve`.
struct ConflictsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "conflicts", abstract: "Conflits de modifications concurrentes.",
                                                    subcommands: [List.self, Resolve.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Liste les conflits (non résolus par défaut).")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Inclure les conflits résolus.") var all = false

        func run() async throws {
            try await runAdmin(json: store.json) {
                let records = try await store.service().conflicts(includeResolved: all)
                try emit(records, json: store.json) {
                    records.isEmpty ? "Aucun conflit." : records.map { r in
                        let n = r.notice
                        return "\(n.conflictId.uuidString.lowercased())  demande \(n.demandeId.uuidString.lowercased())  champ \(n.path)\n"
                            + "    conservé : \(n.serverValue) (guichet \(n.keptFrom?.guichet ?? "?"), agent \(n.keptFrom?.agent ?? "?"))\n"
                            + "    proposé  : \(n.proposedValue) (guichet \(n.proposedBy.guichet), agent \(n.proposedBy.agent))"
                            + (r.resolution.map { "\n    résolu : \($0.rawValue)" } ?? "")
                    }.joined(separator: "\n")
                }
            }
        }
    }

    struct Resolve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Résout un conflit : garder la valeur du serveur ou appliquer la valeur proposée.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Identifiant du conflit.") var id: String
        @Flag(help: "Appliquer la valeur proposée (sinon la valeur du serveur est conservée).") var applyProposed = false
        @Option(help: "Qui résout (journal d'audit).") var by: String = "cli"

        func run() async throws {
            try await runAdmin(json: store.json) {
                guard let uuid = UUID(uuidString: id) else { throw AdminError(code: "validation", message: "Identifiant de conflit invalide.") }
                let record = try await store.service().resolveConflict(id: uuid, resolution: applyProposed ? .applyProposed : .keepServer, by: by)
                try emit(record, json: store.json) { "Conflit \(id.lowercased()) résolu (\(record.resolution?.rawValue ?? ""))." }
            }
        }
    }
}
