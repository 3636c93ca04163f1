import ArgumentParser
import Foundation
import GuichetDomain
import GuichetProtocol

/// `guichet-server offre import|list`, `match OFFRE_ID`, `cotation NUR`.
struct OffreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "offre", abstract: "Offres des bailleurs.", subcommands: [Import.self, List.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Importe un fichier CSV d'offres (format : docs/OFFRES-CSV.md).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Fichier CSV.") var file: String
        @Option(help: "Code du guichet bailleur propriétaire des offres.") var bailleur: String
        @Flag(help: "Importer les lignes valides et signaler les autres (sinon : rien si une ligne est invalide).") var partial = false

        func run() async throws {
            try await runAdmin(json: store.json) {
                guard let csv = try? String(contentsOfFile: file, encoding: .utf8) else {
                    throw AdminError(code: "fichier", message: "Fichier illisible (UTF-8 attendu) : \(file).")
                }
                let service = try OffreService(store: try await store.openStore())
                let rapport = try await service.importer(csv: csv, bailleur: bailleur.uppercased(), partiel: partial, par: "cli")
                try emit(rapport, json: store.json) {
                    var lines = rapport.erreurs.map { "ligne \($0.ligne), colonne « \($0.colonne) » : \($0.message)" }
                    lines.append(rapport.rien ? "Aucune offre importée : corrigez les lignes ci-dessus, ou relancez avec --partial."
                        : "\(rapport.publiees) offre(s) publiée(s), \(rapport.modifiees) modifiée(s), \(rapport.inchangees) inchangée(s).")
                    return lines.joined(separator: "\n")
                }
                if rapport.rien { throw ExitCode(1) }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Liste les offres.")
        @OptionGroup var store: StoreOptions
        func run() async throws {
            try await runAdmin(json: store.json) {
                let offres = try await OffreService(store: try await store.openStore()).offres(bailleur: nil)
                try emit(offres, json: store.json) {
                    offres.isEmpty ? "Aucune offre." : offres.map {
                        "\($0.id.uuidString.lowercased())  \($0.bailleur) \($0.referenceBailleur)  \($0.typologie.rawValue) \($0.surface) m²  \($0.loyer) + \($0.charges)  \($0.financement.rawValue)  \($0.communeInsee)  \($0.statut.rawValue)"
                    }.joined(separator: "\n")
                }
            }
        }
    }
}

struct MatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "match", abstract: "Classe les demandes candidates à une offre, avec les explications.")
    @OptionGroup var store: StoreOptions
    @Argument(help: "Identifiant de l'offre.") var offre: String
    @Option(help: "Nombre de candidats (la CAL en examine au moins trois).") var limit: Int = 3

    func run() async throws {
        try await runAdmin(json: store.json) {
            guard let id = UUID(uuidString: offre) else { throw AdminError(code: "validation", message: "Identifiant d'offre invalide.") }
            let candidats = try await OffreService(store: try await store.openStore()).candidats(id, limite: limit, bailleur: nil)
            try emit(candidats, json: store.json) {
                candidats.isEmpty ? "Aucune demande active ne passe tous les filtres." : candidats.enumerated().map { i, c in
                    (["\(i + 1). \(c.numeroUnique?.valeur ?? c.demandeId.uuidString.lowercased()) — \(c.score) points"]
                        + c.cotation.details.filter { $0.points != 0 }.map { "     \($0.points) \($0.libelle)" }
                        + c.filtres.map { "     ✓ \($0.filtre.rawValue) : \($0.valeurs)" }).joined(separator: "\n")
                }.joined(separator: "\n")
            }
        }
    }
}

struct CotationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cotation", abstract: "Cotation d'une demande, son positionnement et les offres auxquelles elle est éligible.")
    @OptionGroup var store: StoreOptions
    @Argument(help: "Numéro unique.") var numeroUnique: String

    func run() async throws {
        try await runAdmin(json: store.json) {
            let info = try await OffreService(store: try await store.openStore()).information(numeroUnique: numeroUnique)
            try emit(info, json: store.json) {
                var lines = ["Score : \(info.cotation.score) points (grille \(info.cotation.version))"]
                lines += info.cotation.details.map { "  \($0.points)  \($0.libelle) — \($0.justification)" }
                if let p = info.positionnement {
                    lines.append("Position : \(p.rang) sur \(p.nombre) demandes similaires (\(p.typologie.rawValue), commune \(p.commune))")
                    if let d = p.delaiAttenteMoyenMois { lines.append("Délai d'attente moyen des demandes similaires satisfaites : \(Int(d.rounded())) mois") }
                }
                lines.append("Offres ouvertes éligibles : \(info.offresEligibles.count)")
                return lines.joined(separator: "\n")
            }
        }
    }
}
