import ArgumentParser
import Foundation
import GuichetDomain
import GuichetProtocol

struct DemandeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demande", abstract: "Saisie et consultation des demandes.",
        subcommands: [Template.self, Create.self, Update.self, Renew.self, Show.self, List.self])

    struct Template: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Affiche une demande d'exemple complète et valide (le format de « create »).")
        func run() async throws {
            let data = try WireCoding.encoder.encode(DemandeTemplate.exemple(au: Jour(Date(), timeZone: .paris)))
            let pretty = try JSONSerialization.data(withJSONObject: JSONSerialization.jsonObject(with: data), options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            print(String(decoding: pretty, as: UTF8.self))
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enregistre une demande déposée (hors ligne ; le numéro unique arrive à la synchronisation).")
        @OptionGroup var options: ClientOptions
        @Option(help: "Fichier JSON de la demande (« - » ou absent : entrée standard).") var file: String?
        @Option(help: "Date de dépôt AAAA-MM-JJ (défaut : aujourd'hui).") var depot: String?

        func run() async throws {
            try await options.run {
                let demande = try SaisieDecoding.demande(from: file)
                let depot = try depot.map { text -> Jour in
                    guard let j = Jour(iso: text) else { throw ClientError(code: .validation, message: "Date de dépôt invalide « \(text) » (AAAA-MM-JJ).") }
                    return j
                }
                let saved = try await options.client().createDemande(demande, depot: depot)
                try options.emit(saved) {
                    "Demande enregistrée sur ce poste : \(saved.id.uuidString.lowercased()) (\(saved.demandeur.prenoms) \(saved.demandeur.nomNaissance)). "
                        + "Le numéro unique sera attribué à la prochaine synchronisation."
                }
            }
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Modifie une demande à partir de sa nouvelle version complète (JSON).")
        @OptionGroup var options: ClientOptions
        @Argument(help: "Identifiant ou numéro unique.") var demande: String
        @Option(help: "Fichier JSON de la nouvelle version (« - » ou absent : entrée standard).") var file: String?

        func run() async throws {
            try await options.run {
                let client = try options.client()
                let current = try await client.find(demande)
                let new = try SaisieDecoding.demande(from: file, id: current.demande.id)
                let changes = try await client.updateDemande(id: current.demande.id, to: new)
                try options.emit(changes) {
                    changes.isEmpty ? "Aucune modification." : "Modification enregistrée (\(changes.count) champ(s) : \(changes.map(\.path).joined(separator: ", ")))."
                }
            }
        }
    }

    struct Renew: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Renouvelle une demande (ou la réactive dans le délai de tolérance).")
        @OptionGroup var options: ClientOptions
        @Argument(help: "Identifiant ou numéro unique.") var demande: String

        func run() async throws {
            try await options.run {
                let client = try options.client()
                let current = try await client.find(demande)
                let renewed = try await client.renewDemande(id: current.demande.id)
                try options.emit(renewed) { "Renouvellement enregistré ; validité jusqu'au \(Echeances(renewed)?.finValidite.affichage ?? "?")." }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Affiche une demande.")
        @OptionGroup var options: ClientOptions
        @Argument(help: "Identifiant ou numéro unique.") var demande: String

        func run() async throws {
            try await options.run {
                let view = try await options.client().find(demande)
                try options.emit(view) {
                    let d = view.demande
                    var lines = [
                        "\(d.demandeur.prenoms) \(d.demandeur.nomNaissance) — \(d.statut.libelle)",
                        "Numéro unique : \(d.numeroUnique?.valeur ?? "en attente de synchronisation")",
                        "Identifiant : \(d.id.uuidString.lowercased())",
                        "Dépôt : \(d.dates.depot?.affichage ?? "—")  Enregistrement : \(d.dates.enregistrement?.affichage ?? "—")",
                        "Ménage : \(d.nombrePersonnesFiscales) personne(s) ; recherche \(d.logementRecherche.typologies.map(\.rawValue).joined(separator: ", ")) à \(d.logementRecherche.communes.joined(separator: ", "))",
                    ]
                    if let e = Echeances(d) { lines.append("Validité jusqu'au \(e.finValidite.affichage) (renouvellement à partir du \(e.ouvertureRenouvellement.affichage))") }
                    if view.pendingCommands > 0 { lines.append("\(view.pendingCommands) modification(s) en attente d'envoi.") }
                    return lines.joined(separator: "\n")
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Liste les demandes de ce poste.")
        @OptionGroup var options: ClientOptions
        @Option(help: "Texte à chercher (nom, numéro unique, commune).") var search: String?

        func run() async throws {
            try await options.run {
                let views = try await options.client().demandes(search: search)
                try options.emit(views) {
                    views.isEmpty ? "Aucune demande." : views.map { v in
                        "\(v.demande.numeroUnique?.valeur ?? "(en attente)      ")  \(v.demande.statut.libelle.padding(toLength: 12, withPad: " ", startingAt: 0))  \(v.demande.demandeur.nomNaissance) \(v.demande.demandeur.prenoms)\(v.pendingCommands > 0 ? "  *" : "")"
                    }.joined(separator: "\n")
                }
            }
        }
    }
}

/// The example printed by `demande template`: complete, valid, documented in docs/DEMANDE.md.
public enum DemandeTemplate {
    public static func exemple(au jour: Jour) -> Demande {
        Demande(
            id: UUID.v7(),
            demandeur: Personne(civilite: .madame, nomNaissance: "Durand", prenoms: "Amina", dateNaissance: Jour(1990, 4, 17)!, nationalite: .francaise,
                                situationProfessionnelle: .salariePrive, revenusMensuels: [RevenuMensuel(type: .salaire, montant: Euros(centimes: 145_000))]),
            coordonnees: Coordonnees(adresse: "5 rue Très-Cloîtres", codePostal: "38000", commune: "Grenoble", telephone: "06 12 34 56 78", email: "amina.durand@example.org"),
            situationFamiliale: .celibataire,
            personnesACharge: [Personne(nomNaissance: "Durand", prenoms: "Yanis", dateNaissance: Jour(2017, 2, 9)!)],
            ressources: Ressources(revenusFiscaux: RevenusFiscaux(anneeN2: jour.annee - 2, rfrN2: 17_400)),
            logementActuel: LogementActuel(situation: .hebergeTiers, nombreOccupants: 4, surfaceHabitable: 45, nombrePieces: 2),
            motifs: [.hebergeTiers, .logementTropPetit],
            logementRecherche: LogementRecherche(typologies: [.t2, .t3], nombrePersonnes: 2, communes: ["38185", "38421", "38151"],
                                                 elargissementAccepte: true, loyerMaximum: 520))
    }
}
