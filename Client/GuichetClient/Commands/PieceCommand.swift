import ArgumentParser
import Foundation
import GuichetDomain
import GuichetProtocol

struct PieceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "piece", abstract: "Pièces justificatives.", subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Reçoit une pièce pour une demande (identifiant local ou numéro unique, même inconnu de ce poste).")
        @OptionGroup var options: ClientOptions
        @Argument(help: "Identifiant ou numéro unique de la demande.") var demande: String
        @Argument(help: "Fichier scanné (PDF, JPEG, PNG, TIFF).") var file: String
        @Option(help: "Type de pièce : \(TypePiece.allCases.map(\.rawValue).joined(separator: ", ")).") var type: String
        @Option(help: "Personne concernée : demandeur, coDemandeur/N, personneACharge/N.") var personne: String = "demandeur"

        func run() async throws {
            try await options.run {
                guard let type = TypePiece(rawValue: type) else {
                    throw ClientError(code: .validation, message: "Type de pièce inconnu « \(type) ». Types possibles : \(TypePiece.allCases.map(\.rawValue).joined(separator: ", ")).")
                }
                guard let who = RefPersonne(personne) else {
                    throw ClientError(code: .validation, message: "Personne « \(personne) » invalide : demandeur, coDemandeur/N ou personneACharge/N.")
                }
                let client = try options.client()
                let ref = try await options.reference(demande, in: client)
                let piece = try await client.addPiece(demande: ref, file: URL(fileURLWithPath: file), type: type, personne: who)
                try options.emit(piece) { "Pièce « \(type.libelle) » enregistrée (\(piece.taille) octets) ; elle sera envoyée à la prochaine synchronisation." }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Liste les pièces d'une demande.")
        @OptionGroup var options: ClientOptions
        @Argument(help: "Identifiant ou numéro unique.") var demande: String

        func run() async throws {
            try await options.run {
                let client = try options.client()
                let view = try await client.find(demande)
                let pieces = try await client.pieces(demande: view.demande.id)
                try options.emit(pieces) {
                    pieces.isEmpty ? "Aucune pièce." : pieces.map { "\($0.type.libelle) — \($0.personne) — \($0.taille) octets — reçue au guichet \($0.guichetCode)" }.joined(separator: "\n")
                }
            }
        }
    }
}

struct AccueilCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "accueil", abstract: "Visites, appels et rendez-vous.", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enregistre un accueil.")
        @OptionGroup var options: ClientOptions
        @Option(help: "visite, appel ou rdv.") var type: String
        @Option(help: "Demande concernée (identifiant ou numéro unique).") var demande: String?
        @Option(help: "Objet : \(ObjetAccueil.allCases.map(\.rawValue).joined(separator: ", ")).") var objet: String = "information"
        @Option(help: "Orientation : niveau3.") var orientation: String?
        @Flag(help: "Ménage à mobilité réduite signalé à la métropole.") var pmr = false
        @Flag(help: "Situation prioritaire bloquée signalée à la métropole.") var prioriteBloquee = false

        func run() async throws {
            try await options.run {
                guard let type = TypeAccueil(rawValue: type) else { throw ClientError(code: .validation, message: "Type d'accueil inconnu « \(type) » : visite, appel ou rdv.") }
                guard let objet = ObjetAccueil(rawValue: objet) else { throw ClientError(code: .validation, message: "Objet inconnu « \(objet) ».") }
                if let o = orientation, o != "niveau3" { throw ClientError(code: .validation, message: "Orientation possible : niveau3.") }
                let client = try options.client()
                var ref: DemandeRef?
                if let demande { ref = try await options.reference(demande, in: client) }
                let accueil = try await client.recordAccueil(type: type, demande: ref, objet: objet, orientationNiveau3: orientation == "niveau3", pmr: pmr,
                                                             prioriteBloquee: prioriteBloquee)
                try options.emit(accueil) { "Accueil enregistré (\(type.rawValue))." }
            }
        }
    }
}
