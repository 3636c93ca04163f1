import Foundation

/// Charts of the dashboard and the monthly report, drawn on the server as inline SVG: no script, nothing loaded
/// from elsewhere, a `viewBox` so they scale with the page and print sharp.
///
/// Every chart is an image for assistive technologies (`role="img"`, `<title>` and `<desc>` named by
/// `aria-labelledby`); the page puts the same figures in a table beside it. Colours are the Okabe–Ito palette
/// (told apart with every common colour-vision deficiency) and never carry meaning alone: series also differ by
/// marker and dash, bars past a limit are hatched and named in the legend. All text is XML-escaped.
public enum GraphiqueSVG {
    /// Okabe–Ito: blue, orange, bluish green, reddish purple, sky blue, vermillion, yellow, black.
    public static let palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]

    /// One series of a chart over time.
    public struct Serie: Sendable, Hashable {
        public var nom: String
        public var valeurs: [Int]
        public init(nom: String, valeurs: [Int]) {
            self.nom = nom
            self.valeurs = valeurs
        }
    }

    /// A vertical mark between two categories (a legal limit): categories from `avantCategorie` on lie past it.
    public struct Repere: Sendable, Hashable {
        /// Index of the first category past the mark; the line is drawn just before it.
        public var avantCategorie: Int
        /// Text of the mark, e.g. "Délai légal : 30 jours".
        public var libelle: String
        /// Legend of the bars on each side (both nil: the bars keep one colour).
        public var libelleEnDeca: String?
        public var libelleAuDela: String?
        public init(avantCategorie: Int, libelle: String, libelleEnDeca: String? = nil, libelleAuDela: String? = nil) {
            self.avantCategorie = avantCategorie
            self.libelle = libelle
            self.libelleEnDeca = libelleEnDeca
            self.libelleAuDela = libelleAuDela
        }
    }

    /// How a chart over time is drawn: grouped bars read well for a few periods, lines for many.
    public enum Forme: Sendable, Hashable {
        case barresGroupees, courbes
        /// Grouped bars up to 12 periods, lines beyond.
        case automatique
    }

    // MARK: - Vertical bars, one series

    /// A vertical bar chart of one series over labelled categories (stock by ancienneté, delay bands…).
    /// - Parameters:
    ///   - id: unique in the page (prefixes the ids of the title, description and patterns).
    ///   - titre: accessible name of the chart.
    ///   - description: accessible description; by default the list "category: value".
    ///   - axe: name of the values (vertical axis).
    ///   - repere: an optional limit drawn between two categories.
    public static func barres(id: String, titre: String, description: String? = nil, categories: [String], valeurs: [Int],
                              axe: String = "Nombre", repere: Repere? = nil) -> String {
        let n = min(categories.count, valeurs.count)
        let largeur = 640.0, hauteur = 300.0
        let avecLegende = repere.map { $0.libelleAuDela != nil || $0.libelleEnDeca != nil } ?? false
        let zone = Zone(gauche: 64, droite: largeur - 16, haut: avecLegende ? 56 : 36, bas: hauteur - 52)
        let echelle = Echelle(maximum: valeurs.prefix(n).max() ?? 0)
        let desc = description ?? (titre + " : " + (0..<n).map { "\(categories[$0]) : \(FormatFR.entier(valeurs[$0]))" }.joined(separator: " ; ") + ".")
        var s = Trace(id: id, largeur: largeur, hauteur: hauteur, titre: titre, description: desc)
        s.hachures(id: "\(id)-hachures", couleur: palette[5])
        s.axeVertical(zone, echelle, nom: axe)
        guard n > 0 else {
            s.messageVide(zone)
            return s.fin()
        }
        let creneau = zone.largeur / Double(n)
        let barre = min(creneau * 0.62, 84)
        for i in 0..<n {
            let v = valeurs[i]
            let auDela = repere.map { $0.libelleAuDela != nil && i >= $0.avantCategorie } ?? false
            let x = zone.gauche + creneau * Double(i) + (creneau - barre) / 2
            let y = zone.y(Double(v), echelle)
            let h = zone.bas - y
            let couleur = auDela ? palette[5] : palette[0]
            s.rect(x: x, y: y, l: barre, h: h, remplissage: couleur, titre: "\(categories[i]) : \(FormatFR.entier(v))")
            if auDela, h > 0 { s.rect(x: x, y: y, l: barre, h: h, remplissage: "url(#\(id)-hachures)") }
            // Value above the bar.
            s.texte(FormatFR.entier(v), x: x + barre / 2, y: y - 6, ancre: "middle", taille: 12, graisse: "600")
            s.etiquetteCategorie(categories[i], x: zone.gauche + creneau * (Double(i) + 0.5), y: zone.bas + 18, largeurMax: creneau - 4)
        }
        if let r = repere, r.avantCategorie > 0, r.avantCategorie <= n {
            let x = zone.gauche + creneau * Double(r.avantCategorie)
            s.ligne(x1: x, y1: zone.haut - 8, x2: x, y2: zone.bas, couleur: "#000000", epaisseur: 2, tirets: "6 4")
            let l = largeurTexte(r.libelle, taille: 12)
            let aDroite = x + 6 + l <= largeur - 4
            s.texte(r.libelle, x: aDroite ? x + 6 : x - 6, y: zone.haut - 10, ancre: aDroite ? "start" : "end", taille: 12, graisse: "700")
        }
        if let r = repere, avecLegende {
            var elements: [(String, ElementLegende)] = []
            if let a = r.libelleEnDeca { elements.append((a, .carre(palette[0], hachure: nil))) }
            if let b = r.libelleAuDela { elements.append((b, .carre(palette[5], hachure: "url(#\(id)-hachures)"))) }
            s.legende(elements, x: zone.gauche, y: 16, largeurMax: largeur - zone.gauche - 16)
        }
        s.axeHorizontal(zone)
        return s.fin()
    }

    // MARK: - Several series over time

    /// Several series over the same periods (visites, appels, rendez-vous, enregistrements), as grouped bars or lines.
    public static func evolution(id: String, titre: String, description: String? = nil, periodes: [String], series: [Serie],
                                 axe: String = "Nombre", forme: Forme = .automatique) -> String {
        let n = periodes.count
        let largeur = 960.0, hauteur = 360.0
        let zone = Zone(gauche: 64, droite: largeur - 20, haut: 56, bas: hauteur - 44)
        let maximum = series.flatMap { $0.valeurs.prefix(n) }.max() ?? 0
        let echelle = Echelle(maximum: maximum)
        let desc = description ?? {
            let totaux = series.map { "\($0.nom) : \(FormatFR.entier($0.valeurs.prefix(n).reduce(0, +)))" }.joined(separator: " ; ")
            let bornes = n == 0 ? "aucune période" : (n == 1 ? periodes[0] : "de \(periodes[0]) à \(periodes[n - 1])")
            return "\(titre), \(FormatFR.entier(n)) période\(n > 1 ? "s" : "") (\(bornes)). Totaux — \(totaux). Le tableau de données suit le graphique."
        }()
        var s = Trace(id: id, largeur: largeur, hauteur: hauteur, titre: titre, description: desc)
        s.axeVertical(zone, echelle, nom: axe)
        let barres: Bool
        switch forme {
        case .barresGroupees: barres = true
        case .courbes: barres = false
        case .automatique: barres = n <= 12
        }
        s.legende(series.enumerated().map { i, serie in
            (serie.nom, barres ? ElementLegende.carre(couleur(i), hachure: nil) : .trait(couleur(i), tirets: tirets(i), marqueur: i))
        }, x: zone.gauche, y: 16, largeurMax: largeur - zone.gauche - 20)
        guard n > 0, !series.isEmpty else {
            s.messageVide(zone)
            return s.fin()
        }
        let creneau = zone.largeur / Double(n)
        // Period labels: as many as fit without overlapping, always the first.
        let plusLongue = periodes.map { largeurTexte($0, taille: 12) }.max() ?? 0
        let pas = max(1, Int(((plusLongue + 12) / creneau).rounded(.up)))
        for i in stride(from: 0, to: n, by: pas) {
            s.texte(periodes[i], x: zone.gauche + creneau * (Double(i) + 0.5), y: zone.bas + 20, ancre: "middle", taille: 12)
            if pas > 1 { s.ligne(x1: zone.gauche + creneau * (Double(i) + 0.5), y1: zone.bas, x2: zone.gauche + creneau * (Double(i) + 0.5), y2: zone.bas + 5, couleur: "#444444", epaisseur: 1) }
        }
        if barres {
            let groupe = creneau * 0.8
            let barre = groupe / Double(series.count)
            for p in 0..<n {
                for (k, serie) in series.enumerated() {
                    let v = p < serie.valeurs.count ? serie.valeurs[p] : 0
                    let x = zone.gauche + creneau * Double(p) + (creneau - groupe) / 2 + barre * Double(k)
                    let y = zone.y(Double(v), echelle)
                    s.rect(x: x + 0.5, y: y, l: max(barre - 1, 0.5), h: zone.bas - y, remplissage: couleur(k), titre: "\(periodes[p]) — \(serie.nom) : \(FormatFR.entier(v))")
                    let texte = FormatFR.entier(v)
                    if largeurTexte(texte, taille: 11) <= barre + 2 {
                        s.texte(texte, x: x + barre / 2, y: y - 4, ancre: "middle", taille: 11)
                    }
                }
            }
        } else {
            let marqueurs = n <= 60
            for (k, serie) in series.enumerated() {
                let points = (0..<n).map { p in
                    (zone.gauche + creneau * (Double(p) + 0.5), zone.y(Double(p < serie.valeurs.count ? serie.valeurs[p] : 0), echelle))
                }
                if n > 1 { s.polyligne(points, couleur: couleur(k), tirets: tirets(k)) }
                if marqueurs || n == 1 {
                    for (p, point) in points.enumerated() {
                        let v = p < serie.valeurs.count ? serie.valeurs[p] : 0
                        s.marqueur(k, x: point.0, y: point.1, couleur: couleur(k), titre: "\(periodes[p]) — \(serie.nom) : \(FormatFR.entier(v))")
                    }
                }
            }
        }
        s.axeHorizontal(zone)
        return s.fin()
    }

    // MARK: - Helpers

    static func couleur(_ i: Int) -> String {
        // Yellow is too pale on white for thin lines: skipped.
        let ordre = [0, 1, 2, 3, 5, 4, 7]
        return palette[ordre[i % ordre.count]]
    }

    static func tirets(_ i: Int) -> String? {
        [nil, "8 4", "2 3", "10 3 2 3", "4 2", nil, "1 2"][i % 7]
    }

    /// XML text and attribute escaping.
    public static func echapper(_ s: String) -> String {
        var r = ""
        r.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": r += "&amp;"
            case "<": r += "&lt;"
            case ">": r += "&gt;"
            case "\"": r += "&quot;"
            case "'": r += "&#39;"
            default:
                // Characters XML 1.0 forbids (control characters) are dropped.
                if c.value < 0x20 && c != "\n" && c != "\t" && c != "\r" { continue }
                if c.value == 0xFFFE || c.value == 0xFFFF { continue }
                r.unicodeScalars.append(c)
            }
        }
        return r
    }

    /// Rough width of a text in the charts' sans-serif font (wide enough for DejaVu Sans).
    static func largeurTexte(_ s: String, taille: Double) -> Double {
        Double(s.count) * taille * 0.6
    }

    static func nombre(_ x: Double) -> String {
        let r = (x * 10).rounded() / 10
        if r == r.rounded() { return String(Int(r)) }
        return String(format: "%.1f", r)
    }

    /// Nice ticks: 1, 2 or 5 times a power of ten, about five of them, integers only.
    struct Echelle {
        let pas: Int
        let haut: Int
        init(maximum: Int) {
            guard maximum > 0 else {
                pas = 1
                haut = 4
                return
            }
            let brut = Double(maximum) / 5
            let puissance = pow(10, floor(log10(max(brut, 1))))
            let multiple = [1.0, 2, 5, 10].first { $0 * puissance >= brut } ?? 10
            let p = max(1, Int(multiple * puissance))
            pas = p
            haut = ((maximum + p - 1) / p) * p
        }
    }

    struct Zone {
        let gauche: Double, droite: Double, haut: Double, bas: Double
        var largeur: Double { droite - gauche }
        func y(_ v: Double, _ e: Echelle) -> Double { bas - (bas - haut) * v / Double(e.haut) }
    }

    enum ElementLegende {
        case carre(String, hachure: String?)
        case trait(String, tirets: String?, marqueur: Int)
    }

    /// The SVG text being drawn.
    struct Trace {
        private var corps: String
        let id: String

        init(id: String, largeur: Double, hauteur: Double, titre: String, description: String) {
            self.id = id
            let i = GraphiqueSVG.echapper(id)
            corps = """
                <svg xmlns="http://www.w3.org/2000/svg" class="graphique" viewBox="0 0 \(nombre(largeur)) \(nombre(hauteur))" \
                role="img" aria-labelledby="\(i)-titre \(i)-desc" preserveAspectRatio="xMidYMid meet" \
                font-family="system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', Arial, sans-serif" font-size="12" fill="#1b1b1b">
                <title id="\(i)-titre">\(GraphiqueSVG.echapper(titre))</title>
                <desc id="\(i)-desc">\(GraphiqueSVG.echapper(description))</desc>

                """
        }

        mutating func fin() -> String {
            corps + "</svg>"
        }

        mutating func hachures(id: String, couleur: String) {
            corps += """
                <defs><pattern id="\(GraphiqueSVG.echapper(id))" patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(45)">\
                <rect width="8" height="8" fill="\(couleur)"/><line x1="0" y1="0" x2="0" y2="8" stroke="#ffffff" stroke-width="3" stroke-opacity="0.55"/>\
                </pattern></defs>

                """
        }

        mutating func rect(x: Double, y: Double, l: Double, h: Double, remplissage: String, titre: String? = nil) {
            let debut = "<rect x=\"\(nombre(x))\" y=\"\(nombre(y))\" width=\"\(nombre(l))\" height=\"\(nombre(max(h, 0)))\" fill=\"\(GraphiqueSVG.echapper(remplissage))\""
            if let titre {
                corps += debut + "><title>\(GraphiqueSVG.echapper(titre))</title></rect>\n"
            } else {
                corps += debut + "/>\n"
            }
        }

        mutating func ligne(x1: Double, y1: Double, x2: Double, y2: Double, couleur: String, epaisseur: Double, tirets: String? = nil) {
            corps += "<line x1=\"\(nombre(x1))\" y1=\"\(nombre(y1))\" x2=\"\(nombre(x2))\" y2=\"\(nombre(y2))\" stroke=\"\(couleur)\" stroke-width=\"\(nombre(epaisseur))\""
                + (tirets.map { " stroke-dasharray=\"\($0)\"" } ?? "") + "/>\n"
        }

        mutating func texte(_ t: String, x: Double, y: Double, ancre: String, taille: Double, graisse: String? = nil, couleur: String? = nil) {
            corps += "<text x=\"\(nombre(x))\" y=\"\(nombre(y))\" text-anchor=\"\(ancre)\" font-size=\"\(nombre(taille))\""
                + (graisse.map { " font-weight=\"\($0)\"" } ?? "") + (couleur.map { " fill=\"\($0)\"" } ?? "")
                + ">\(GraphiqueSVG.echapper(t))</text>\n"
        }

        mutating func polyligne(_ points: [(Double, Double)], couleur: String, tirets: String?) {
            let p = points.map { "\(nombre($0.0)),\(nombre($0.1))" }.joined(separator: " ")
            corps += "<polyline points=\"\(p)\" fill=\"none\" stroke=\"\(couleur)\" stroke-width=\"2.5\" stroke-linejoin=\"round\" stroke-linecap=\"round\""
                + (tirets.map { " stroke-dasharray=\"\($0)\"" } ?? "") + "/>\n"
        }

        /// A marker whose shape depends on the series: circle, square, triangle, diamond…
        mutating func marqueur(_ k: Int, x: Double, y: Double, couleur: String, titre: String?) {
            let t = titre.map { "<title>\(GraphiqueSVG.echapper($0))</title>" } ?? ""
            let trait = " fill=\"\(couleur)\" stroke=\"#ffffff\" stroke-width=\"1\""
            switch k % 4 {
            case 0:
                corps += "<circle cx=\"\(nombre(x))\" cy=\"\(nombre(y))\" r=\"4\"\(trait)>\(t)</circle>\n"
            case 1:
                corps += "<rect x=\"\(nombre(x - 3.5))\" y=\"\(nombre(y - 3.5))\" width=\"7\" height=\"7\"\(trait)>\(t)</rect>\n"
            case 2:
                corps += "<polygon points=\"\(nombre(x)),\(nombre(y - 5)) \(nombre(x + 4.5)),\(nombre(y + 3.5)) \(nombre(x - 4.5)),\(nombre(y + 3.5))\"\(trait)>\(t)</polygon>\n"
            default:
                corps += "<polygon points=\"\(nombre(x)),\(nombre(y - 5)) \(nombre(x + 5)),\(nombre(y)) \(nombre(x)),\(nombre(y + 5)) \(nombre(x - 5)),\(nombre(y))\"\(trait)>\(t)</polygon>\n"
            }
        }

        mutating func axeVertical(_ z: Zone, _ e: Echelle, nom: String) {
            var v = 0
            while v <= e.haut {
                let y = z.y(Double(v), e)
                if v > 0 { ligne(x1: z.gauche, y1: y, x2: z.droite, y2: y, couleur: "#d9d9d9", epaisseur: 1) }
                texte(FormatFR.entier(v), x: z.gauche - 8, y: y + 4, ancre: "end", taille: 12, couleur: "#3a3a3a")
                v += e.pas
            }
            ligne(x1: z.gauche, y1: z.haut - 4, x2: z.gauche, y2: z.bas, couleur: "#444444", epaisseur: 1)
            texte(nom, x: z.gauche - 8, y: z.haut - 14, ancre: "start", taille: 12, graisse: "600", couleur: "#3a3a3a")
        }

        mutating func axeHorizontal(_ z: Zone) {
            ligne(x1: z.gauche, y1: z.bas, x2: z.droite, y2: z.bas, couleur: "#444444", epaisseur: 1.5)
        }

        /// A category label centred at `x`, on two lines when it is too wide.
        mutating func etiquetteCategorie(_ t: String, x: Double, y: Double, largeurMax: Double) {
            if GraphiqueSVG.largeurTexte(t, taille: 12) <= largeurMax {
                texte(t, x: x, y: y, ancre: "middle", taille: 12)
                return
            }
            let mots = t.split(separator: " ").map(String.init)
            var premiere = "", seconde = ""
            for m in mots {
                let essai = premiere.isEmpty ? m : premiere + " " + m
                if seconde.isEmpty, GraphiqueSVG.largeurTexte(essai, taille: 12) <= largeurMax || premiere.isEmpty {
                    premiere = essai
                } else {
                    seconde = seconde.isEmpty ? m : seconde + " " + m
                }
            }
            texte(premiere, x: x, y: y, ancre: "middle", taille: 12)
            if !seconde.isEmpty { texte(seconde, x: x, y: y + 15, ancre: "middle", taille: 12) }
        }

        mutating func legende(_ elements: [(String, ElementLegende)], x: Double, y: Double, largeurMax: Double) {
            var cx = x, cy = y
            for (nom, element) in elements {
                let l = 22 + GraphiqueSVG.largeurTexte(nom, taille: 12) + 20
                if cx > x, cx + l > x + largeurMax {
                    cx = x
                    cy += 18
                }
                switch element {
                case let .carre(couleur, hachure):
                    rect(x: cx, y: cy - 10, l: 14, h: 14, remplissage: couleur)
                    if let hachure { rect(x: cx, y: cy - 10, l: 14, h: 14, remplissage: hachure) }
                case let .trait(couleur, tirets, k):
                    ligne(x1: cx - 2, y1: cy - 3, x2: cx + 18, y2: cy - 3, couleur: couleur, epaisseur: 2.5, tirets: tirets)
                    marqueur(k, x: cx + 8, y: cy - 3, couleur: couleur, titre: nil)
                }
                texte(nom, x: cx + 22, y: cy + 2, ancre: "start", taille: 12)
                cx += l
            }
        }

        mutating func messageVide(_ z: Zone) {
            texte("Aucune donnée sur la période", x: (z.gauche + z.droite) / 2, y: (z.haut + z.bas) / 2, ancre: "middle", taille: 14, couleur: "#555555")
        }
    }
}
