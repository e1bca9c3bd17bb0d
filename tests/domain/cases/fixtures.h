// SPDX-License-Identifier: Apache-2.0
#pragma once
// Realistic records for the domain/cases tests: a metals researcher at 東北大学 with a JSPS
// grant, a JST CREST project, a side job and a past visiting post at 北京航空航天大学 (Beihang,
// on the US Entity List snapshot shipped in data/lists), a proposal to a designated programme,
// and its case. People and companies are invented; institutions, lists and ROR ids are real.
#include "domain/cases/case.h"
#include "domain/cases/disclosure.h"
#include "domain/cases/institution.h"
#include "domain/cases/organisation.h"
#include "domain/cases/person.h"
#include "domain/cases/programme.h"
#include "domain/cases/proposal.h"
#include "domain/cases/screening_ref.h"

namespace highfence::cases::testing {

Institution Tohoku();
Institution Jst();
Person Aoba();   // 青葉 花子, associate professor at Tohoku
Person LiWei();  // 李 伟, professor at Beihang, partner
Organisation Beihang();
Programme Crest();
Proposal HydrogenProposal();
Case HydrogenCase();
ScreeningRef KeywordScreeningOfProposal();
ScreeningRef ListCheckOfBeihang();
// 青葉 花子's disclosure, seq 1, as of 2026-10-01. Current effort: main post 50 %, JSPS 基盤(B)
// 20 %, JST CREST 15 %, side job 5 %, unpaid post 2 % = 92 %; the e-Rad-external HIT project
// (10 %, under NDA) ended in 2025-12 and does not count.
Disclosure AobaDisclosure();

}  // namespace highfence::cases::testing
