import ArgumentParser
import Foundation

/// `guichet-server demo seed`: a realistic synthetic métropole, deterministic for a seed.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "Données de démonstration.", subcommands: [Seed.self])

    struct Seed: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Charge une métropole synthétique (guichets, demandes, offres, accueils, pièces).")
        @OptionGroup var store: StoreOptions
        @Option(help: "Nombre de demandes.") var demandes: Int = 2000
        @Option(help: "Nombre d'offres.") var offres: Int = 200
        @Option(help: "Graine (même graine, même métropole).") var seed: UInt64 = 1
        @Flag(help: "Charger même si la base contient déjà des demandes (jamais sur des données réelles).") var force = false

        func run() async throws {
            try await runAdmin(json: store.json) {
                let rapport = try await DemoSeed.seed(try await store.openStore(), demandes: demandes, offres: offres, graine: seed, force: force)
                try emit(rapport, json: store.json) {
                    "Métropole de démonstration chargée : \(rapport.guichets) guichet(s), \(rapport.demandes) demandes, \(rapport.offres) offres, \(rapport.accueils) accueils, \(rapport.pieces) pièces."
                }
            }
        }
    }
}
