//! Deterministic generated documents of any size, for tests and benchmarks.

use crate::document::*;

/// A small deterministic pseudo-random generator (xorshift64*), so that the same seed always
/// gives the same document without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const RU_WORDS: &[&str] = &[
    "обеспечивает",
    "своевременное",
    "выполнение",
    "плана",
    "продаж",
    "клиентами",
    "договоров",
    "отчётность",
    "руководителю",
    "отдела",
    "по",
    "и",
    "в",
    "с",
    "соответствии",
    "требованиями",
    "организации",
    "контролирует",
    "дебиторской",
    "задолженности",
    "консультирует",
    "покупателей",
    "ассортименту",
    "коммерческие",
    "предложения",
    "переговоры",
    "условиях",
    "поставки",
    "оплаты",
    "документооборот",
    "информационной",
    "системе",
    "взаимодействует",
    "подразделениями",
    "анализирует",
    "рынок",
    "конкурентов",
    "ключевых",
    "корпоративных",
    "сотрудничества",
];

const EN_WORDS: &[&str] = &[
    "ensures",
    "timely",
    "delivery",
    "of",
    "the",
    "sales",
    "plan",
    "with",
    "clients",
    "contracts",
    "reports",
    "to",
    "head",
    "department",
    "in",
    "accordance",
    "requirements",
    "organisation",
    "monitors",
    "receivables",
    "advises",
    "customers",
    "on",
    "range",
    "commercial",
    "proposals",
    "negotiates",
    "terms",
    "supply",
    "payment",
    "records",
    "information",
    "system",
    "cooperates",
    "units",
    "analyses",
    "market",
    "competitors",
    "key",
    "corporate",
    "accounts",
];

fn sentence(rng: &mut Rng, words: &[&str], len: usize) -> String {
    let mut s = String::new();
    for i in 0..len {
        let w = words[rng.below(words.len())];
        if i == 0 {
            let mut c = w.chars();
            if let Some(first) = c.next() {
                s.extend(first.to_uppercase());
                s.push_str(c.as_str());
            }
        } else {
            s.push(' ');
            s.push_str(w);
        }
    }
    s.push('.');
    s
}

/// A valid document with `clauses` clauses spread over the six standard sections, up to three
/// levels deep, with texts of 5–60 words. The same arguments always give the same document.
pub fn document(clauses: usize, seed: u64, language: Language) -> Document {
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let words = match language {
        Language::Ru => RU_WORDS,
        Language::En => EN_WORDS,
    };
    let mut doc = Document::blank(
        language,
        &format!("generated-{seed}"),
        "2026-01-15T09:00:00Z".parse().expect("a valid time stamp"),
    );
    doc.organisation.name = match language {
        Language::Ru => "Общество с ограниченной ответственностью «Тестовая организация»".into(),
        Language::En => "Test Organisation Ltd".into(),
    };
    doc.organisation.place = match language {
        Language::Ru => "г. Москва".into(),
        Language::En => "London".into(),
    };
    doc.position.name = sentence(&mut rng, words, 3)
        .trim_end_matches('.')
        .to_lowercase();
    doc.position.title_form = doc.position.name.clone();
    doc.approval = Approval::Stamp {
        approver_position: sentence(&mut rng, words, 4).trim_end_matches('.').into(),
        approver_name: "И. И. Иванов".into(),
        date: None,
    };
    doc.signatures.author = Signatory {
        position: "Начальник отдела".into(),
        name: "П. П. Петров".into(),
    };
    doc.signatures.visas = vec![Signatory {
        position: "Юрисконсульт".into(),
        name: "С. С. Сидорова".into(),
    }];
    let per_section = clauses / 6;
    for (s, section) in doc.sections.iter_mut().enumerate() {
        let count = if s == 5 {
            clauses - per_section * 5
        } else {
            per_section
        };
        section.clauses.clear();
        let mut made = 0;
        while made < count {
            // Number the text so that no two clauses are the same.
            let len = 5 + rng.below(56);
            let mut clause =
                Clause::new(format!("{} ({s}-{made})", sentence(&mut rng, words, len)));
            made += 1;
            let children = if made < count {
                rng.below(3).min(count - made)
            } else {
                0
            };
            for c in 0..children {
                let len = 5 + rng.below(30);
                let mut child = Clause::new(format!(
                    "{} ({s}-{made}-{c})",
                    sentence(&mut rng, words, len)
                ));
                made += 1;
                if made < count && rng.below(4) == 0 {
                    child.children.push(Clause::new(format!(
                        "{} ({s}-{made}-{c}-0)",
                        sentence(&mut rng, words, 8)
                    )));
                    made += 1;
                }
                clause.children.push(child);
            }
            section.clauses.push(clause);
        }
        if section.clauses.is_empty() {
            section.clauses.push(Clause::new(format!(
                "{} ({s})",
                sentence(&mut rng, words, 6)
            )));
        }
    }
    name_the_position(&mut doc);
    doc.with_clause_ids()
}

/// Starts the first clause with a reference to the position, as real instructions do
/// («Менеджер относится к …»), so that every filled-in field is printed.
fn name_the_position(doc: &mut Document) {
    if let Some(first) = doc.sections.first_mut().and_then(|s| s.clauses.first_mut()) {
        let rest = first.text.placeholder_text();
        first.text = crate::RichText::from_pieces([
            crate::Inline::Field(crate::Field::Position),
            crate::Inline::Text(format!(" — {}", rest.trim_start())),
        ]);
    }
}

/// Beginnings of duties: a verb that takes the object in the accusative.
const RU_VERBS: &[&str] = &[
    "Обеспечивает",
    "Организует",
    "Контролирует",
    "Осуществляет",
    "Готовит",
    "Согласовывает",
    "Анализирует",
    "Планирует",
    "Проводит",
    "Ведёт",
    "Координирует",
    "Формирует",
    "Разрабатывает",
    "Проверяет",
    "Поддерживает",
    "Составляет",
    "Оформляет",
    "Отслеживает",
    "Представляет руководителю",
    "Передаёт в бухгалтерию",
];

const RU_OBJECTS: &[&str] = &[
    "выполнение плана продаж",
    "подготовку коммерческих предложений",
    "учёт договоров с клиентами",
    "работу с дебиторской задолженностью",
    "отчёт о продажах",
    "переговоры с ключевыми клиентами",
    "документооборот по сделкам",
    "график поставок продукции",
    "претензионную работу",
    "базу данных клиентов",
    "мониторинг цен конкурентов",
    "сверку взаиморасчётов",
    "заявки на отгрузку продукции",
    "предложения по развитию ассортимента",
    "маркетинговые мероприятия",
    "программу лояльности",
    "сведения о потребностях клиентов",
    "план встреч с клиентами",
    "бюджет отдела продаж",
    "договоры поставки",
    "акты сверки",
    "счета на оплату",
    "реестр коммерческих предложений",
    "анализ выполнения плана",
    "обучение новых сотрудников",
    "данные в информационной системе",
    "условия оплаты и поставки",
    "презентации для клиентов",
    "прогноз объёма продаж",
    "расчёт скидок и бонусов",
];

const RU_COMPLEMENTS: &[&str] = &[
    "в соответствии с регламентом организации",
    "в установленные сроки",
    "по закреплённым клиентам",
    "совместно с юридическим отделом",
    "с учётом требований законодательства",
    "по поручению руководителя отдела",
    "ежемесячно",
    "ежеквартально",
    "в пределах своей компетенции",
    "в информационной системе организации",
    "на основании заключённых договоров",
    "с соблюдением коммерческой тайны",
    "по согласованию с финансовой службой",
    "для ключевых клиентов организации",
    "в рамках утверждённого бюджета",
    "с привлечением специалистов смежных подразделений",
    "по формам, утверждённым в организации",
    "не реже одного раза в неделю",
];

const RU_PURPOSES: &[&str] = &[
    "для увеличения объёма продаж",
    "для снижения дебиторской задолженности",
    "в целях удержания ключевых клиентов",
    "для своевременного исполнения обязательств перед клиентами",
    "в интересах развития бизнеса организации",
    "для повышения качества обслуживания клиентов",
    "для выполнения показателей, установленных руководством",
];

/// One duty-like Russian sentence: a verb, one or two objects, one or two circumstances, maybe
/// a purpose ("Согласовывает договоры поставки и акты сверки по закреплённым клиентам в
/// установленные сроки."), about 6 to 26 words.
fn duty(rng: &mut Rng) -> String {
    let mut s = String::from(RU_VERBS[rng.below(RU_VERBS.len())]);
    s.push(' ');
    s.push_str(RU_OBJECTS[rng.below(RU_OBJECTS.len())]);
    if rng.below(2) == 0 {
        s.push_str(" и ");
        s.push_str(RU_OBJECTS[rng.below(RU_OBJECTS.len())]);
    }
    let first = rng.below(RU_COMPLEMENTS.len());
    s.push(' ');
    s.push_str(RU_COMPLEMENTS[first]);
    if rng.below(3) != 0 {
        let second = rng.below(RU_COMPLEMENTS.len());
        if second != first {
            s.push(' ');
            s.push_str(RU_COMPLEMENTS[second]);
        }
    }
    if rng.below(3) != 0 {
        s.push(' ');
        s.push_str(RU_PURPOSES[rng.below(RU_PURPOSES.len())]);
    }
    s.push('.');
    s
}

/// A Russian job instruction of `clauses` clauses with the texts of a real one: short duty-like
/// sentences (6–26 words, no numbers in the text), spread over the six standard sections and up
/// to three levels deep as in [`document`]. 1,000 clauses make about 60 pages: the "60-page
/// document" of the PDF speed target. The same arguments always give the same document, and no
/// two clauses have the same text.
pub fn instruction(clauses: usize, seed: u64) -> Document {
    let mut doc = document(0, seed, Language::Ru);
    doc.position.name = "менеджер по работе с ключевыми клиентами".into();
    doc.position.title_form = "менеджера по работе с ключевыми клиентами".into();
    doc.approval = Approval::Stamp {
        approver_position: "Генеральный директор".into(),
        approver_name: "И. И. Иванов".into(),
        date: None,
    };
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ 0x5851_f42d_4c95_7f2d | 1);
    let mut seen = std::collections::HashSet::new();
    let mut next = |rng: &mut Rng| loop {
        let text = duty(rng);
        if seen.insert(text.to_lowercase()) {
            return Clause::new(text);
        }
    };
    let per_section = clauses / 6;
    for (s, section) in doc.sections.iter_mut().enumerate() {
        let count = if s == 5 {
            clauses - per_section * 5
        } else {
            per_section
        };
        section.clauses.clear();
        let mut made = 0;
        while made < count {
            let mut clause = next(&mut rng);
            made += 1;
            let children = if made < count {
                rng.below(3).min(count - made)
            } else {
                0
            };
            for _ in 0..children {
                let mut child = next(&mut rng);
                made += 1;
                if made < count && rng.below(4) == 0 {
                    child.children.push(next(&mut rng));
                    made += 1;
                }
                clause.children.push(child);
            }
            section.clauses.push(clause);
        }
        if section.clauses.is_empty() {
            section.clauses.push(next(&mut rng));
        }
    }
    name_the_position(&mut doc);
    doc.with_clause_ids()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_documents_are_valid_deterministic_and_sized() {
        for language in [Language::Ru, Language::En] {
            let doc = document(1000, 7, language);
            assert_eq!(doc.clauses().len(), 1000);
            assert_eq!(doc, document(1000, 7, language));
            let errors: Vec<_> = crate::validate(&doc)
                .into_iter()
                .filter(|d| d.severity == crate::Severity::Error)
                .collect();
            assert!(errors.is_empty(), "{errors:?}");
            assert!(doc.clauses().iter().all(|(p, _)| p.len() <= 4));
        }
    }

    #[test]
    fn instructions_are_valid_deterministic_unique_and_sized() {
        let doc = instruction(1000, 1);
        assert_eq!(doc.clauses().len(), 1000);
        assert_eq!(doc, instruction(1000, 1));
        assert_ne!(doc, instruction(1000, 2));
        let diagnostics = crate::validate(&doc);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let clauses = doc.clauses();
        let mut texts: Vec<String> = clauses
            .iter()
            .map(|(_, c)| c.plain_text().to_lowercase())
            .collect();
        let words: usize = texts.iter().map(|t| t.split_whitespace().count()).sum();
        texts.sort();
        texts.dedup();
        assert_eq!(texts.len(), 1000, "clause texts repeat");
        assert!(clauses.iter().all(|(p, _)| p.len() <= 4));
        assert!(clauses
            .iter()
            .all(|(_, c)| !c.plain_text().chars().any(|ch| ch.is_ascii_digit())));
        // Short clauses: 6–26 words, about 16 on average.
        assert!((14_000..18_000).contains(&words), "{words} words");
    }
}
