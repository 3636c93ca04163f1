import ArgumentParser
import Foundation
import GuichetDomain

/// `guichet-server rapport --mois 2026-10`: the partners' monthly dashboard, a printable HTML page and CSV files.
struct RapportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rapport", abstract: "Tableau de bord mensuel des partenaires (HTML imprimable ou CSV).")

    enum Format: String, ExpressibleByArgument, CaseIterable { case html, csv }

    @OptionGroup var store: StoreOptions
    @Option(help: "Mois, AAAA-MM.") var mois: String
    @Option(help: "html ou csv.") var format: Format = .html
    @Option(help: "Dossier où écrire les fichiers (défaut : dossier courant).") var out: String = "."

    func run() async throws {
        try await runAdmin(json: store.json) {
            guard mois.count == 7, let requete = RequetePilotage.mois(mois) else {
                throw AdminError(code: "validation", message: "Mois invalide « \(mois) » : attendu AAAA-MM, par exemple 2026-10.")
            }
            var r = requete
            r.limiteListe = 100_000
            let service = PilotageService(store: try await store.openStore())
            let (i, guichets) = try await service.indicateursEtGuichets(r)
            let dossier = URL(fileURLWithPath: out, isDirectory: true)
            try FileManager.default.createDirectory(at: dossier, withIntermediateDirectories: true)
            var fichiers: [String] = []
            switch format {
            case .html:
                let page = try RenduPilotage.standard().rapportMensuel(i, guichets: guichets, mois: mois, genereLe: Date())
                let url = dossier.appendingPathComponent("rapport-\(mois).html")
                try Data(page.utf8).write(to: url, options: .atomic)
                fichiers.append(url.path)
            case .csv:
                for table in TableCSV.allCases {
                    let url = dossier.appendingPathComponent("rapport-\(mois)-\(table.rawValue).csv")
                    try Data(CSVPilotage.csv(i, table: table).utf8).write(to: url, options: .atomic)
                    fichiers.append(url.path)
                }
            }
            struct Sortie: Encodable { var mois: String; var provisoire: Bool; var arreteALaSequence: Int64; var fichiers: [String] }
            try emit(Sortie(mois: mois, provisoire: i.provisoire, arreteALaSequence: i.arreteALaSequence, fichiers: fichiers), json: store.json) {
                (i.provisoire ? "Mois \(mois) PROVISOIRE (\(i.moisProvisoires.flatMap(\.guichetsEnAttente).joined(separator: ", ")) en attente de synchronisation).\n" : "")
                    + fichiers.map { "écrit : \($0)" }.joined(separator: "\n")
            }
        }
    }
}
