/// Counts per civil day, dense from the first day seen: summing a period is a loop over contiguous memory.
struct SerieJournaliere: Sendable {
    private(set) var base: Int
    private(set) var valeurs: [Int32]

    init(jour: Int) {
        base = jour
        valeurs = []
    }

    mutating func ajouter(_ jour: Int, _ n: Int32 = 1) {
        if jour < base {
            valeurs.insert(contentsOf: repeatElement(0, count: base - jour), at: 0)
            base = jour
        }
        let i = jour - base
        if i >= valeurs.count { valeurs.append(contentsOf: repeatElement(0, count: i - valeurs.count + 1)) }
        valeurs[i] += n
    }

    /// Sum over `du...au` (day numbers).
    func somme(_ du: Int, _ au: Int) -> Int {
        let a = max(du - base, 0), b = min(au - base, valeurs.count - 1)
        guard a <= b else { return 0 }
        var s = 0
        for i in a...b { s += Int(valeurs[i]) }
        return s
    }

    /// Adds each day's count of `du...au` into `cases[bucket(day)]`.
    func repartir(_ du: Int, _ au: Int, seau: [Int], dans cases: inout [Int]) {
        let a = max(du - base, 0), b = min(au - base, valeurs.count - 1)
        guard a <= b else { return }
        for i in a...b where valeurs[i] != 0 { cases[seau[i + base - du]] += Int(valeurs[i]) }
    }
}
