// Names as Kazakh papers inflect and set them, brought back to one nominative name.
#include "text/person_names.h"
#include "text/word_lists.h"

#include <catch2/catch.hpp>

using namespace dauys;

TEST_CASE("case and possessive endings come off surnames", "[names]") {
  CHECK(StripCaseEnding("Мұстафинмен") == "Мұстафин");
  CHECK(StripCaseEnding("Ұзақовтың") == "Ұзақов");
  CHECK(StripCaseEnding("Жұмаділдаевты") == "Жұмаділдаев");
  CHECK(StripCaseEnding("АШИРИМЕН") == "АШИРИ");
  CHECK(StripCaseEnding("Ахметованың") == "Ахметова");
  CHECK(StripCaseEnding("Тұрсынбаевтан") == "Тұрсынбаев");
  CHECK(StripCaseEnding("Сейітовке") == "Сейітов");
  // Words without a recognisable ending, or too short to carry one, stay as written.
  CHECK(StripCaseEnding("Смайыл") == "Смайыл");
  CHECK(StripCaseEnding("Ермен") == "Ермен");
  CHECK(StripCaseEnding("Алматыда") == "Алматыда");
}

TEST_CASE("leads present their guest in many ways", "[names]") {
  CHECK(IntervieweeFromLead("Зерттеуші Рүстем Мұстафинмен сұқбаттасқан едік.", WordLists::BuiltIn()) == "Рүстем Мұстафин");
  CHECK(IntervieweeFromLead("Бүгінгі қонағымыз – жас бағдарламашы, жеңімпаз Әлихан Серғазин.", WordLists::BuiltIn()) == "Әлихан Серғазин");
  CHECK(IntervieweeFromLead("Ғалым Болат ЖҰМАҒАЛИЕВТІ білмейтін диқан кемде-кем.", WordLists::BuiltIn()) == "Болат Жұмағалиев");
  CHECK(IntervieweeFromLead("Профессор Мұхтарбек Қарпықұлы Кәрімовпен кездесіп, сұрақ қойдық.", WordLists::BuiltIn()) ==
        "Мұхтарбек Кәрімов");
  CHECK(IntervieweeFromLead("Кәсіпкер Ерлан Тұрсынбаевтан «Неге?» деп сұрадық.", WordLists::BuiltIn()) == "Ерлан Тұрсынбаев");
  // A name said twice is who the lead is about.
  CHECK(IntervieweeFromLead("Директор Шәкәрім Сейсенбай жас. Шәкәрім Сейсенбай – жаңашыл.", WordLists::BuiltIn()) == "Шәкәрім Сейсенбай");
  CHECK_FALSE(IntervieweeFromLead("Бүгін ауа райы жақсы. Жаңбыр жауады.", WordLists::BuiltIn()).has_value());
  // "-мен" before a word of talking names the person, whatever the surname looks like.
  CHECK(IntervieweeFromLead("Ақын Ерлан Төребекпен осы тақырыпта сұхбат құрдық.", WordLists::BuiltIn()) == "Ерлан Төребек");
  CHECK(IntervieweeFromLead("Бас редактор Нұрлан қажы Әбдірахманмен сұхбат.", WordLists::BuiltIn()) == "Нұрлан қажы Әбдірахман");
  // "…ақынмен сұхбат құрдық" names the poet the lead presented before.
  CHECK(IntervieweeFromLead("Айтыскер ақын Серік Жақыпов алпысқа толды. Біз ақынмен кездесіп, сұхбат құрдық.", WordLists::BuiltIn()) ==
        "Серік Жақыпов");
  CHECK_FALSE(IntervieweeFromLead("Жазушы Серік Жақыпов пен әнші Асан Бекенов келді. Біз ақынмен сұхбат құрдық.", WordLists::BuiltIn()).has_value());
  CHECK_FALSE(IntervieweeFromLead("Жазушы Серік Жақыпов алпысқа толды. Біз ақынмен сұхбат құрдық.", WordLists::BuiltIn()).has_value());
  CHECK_FALSE(IntervieweeFromLead("Біз Алматы қаласымен таныстық, сұхбат құрдық.", WordLists::BuiltIn()).has_value());
  // Without a surname's ending the pair must not open a sentence or be an adjective.
  CHECK_FALSE(IntervieweeFromLead("Кеше Асқармен поэзия туралы әңгімелестік.", WordLists::BuiltIn()).has_value());
  CHECK_FALSE(IntervieweeFromLead("Биыл Ұлттық Банкпен бірнеше рет сұхбат құрдық.", WordLists::BuiltIn()).has_value());
  // Surname first, as documents write it: the patronymic (which takes the case) fixes the order.
  CHECK(IntervieweeFromLead("Ғылыми қызметкер Сәкенова Динара Ерланқызы жаңалықты айтты.", WordLists::BuiltIn()) == "Динара Сәкенова");
  CHECK(IntervieweeFromLead("Біз Омаров Бауыржан Серікұлымен сұхбаттастық.", WordLists::BuiltIn()) == "Бауыржан Омаров");
  // Without a patronymic the order is not certain: "Сәкенова Динара" alone names nobody.
  CHECK_FALSE(IntervieweeFromLead("Ғылыми қызметкер Сәкенова Динара жаңалықты айтты.", WordLists::BuiltIn()).has_value());
}

TEST_CASE("headlines name their speaker", "[names]") {
  CHECK(NameFromHeadline("Дархан ҚАСЫМОВ, тарихшы: Тарихты білмеген ел", WordLists::BuiltIn()) == "Дархан Қасымов");
  CHECK(NameFromHeadline("Әкім Тарази: Өзін жақсы білген адам", WordLists::BuiltIn()) == "Әкім Тарази");
  CHECK(NameFromHeadline("Шындық айтылған жерде қоғам дамиды - Алдан Смайыл", WordLists::BuiltIn()) == "Алдан Смайыл");
  // After a quote, with the speaker's role after a comma.
  CHECK(NameFromHeadline("«Тарихты білмеген ел болашағын жоғалтады» – Ерлан СӘКЕНОВ, тарихшы", WordLists::BuiltIn()) == "Ерлан Сәкенов");
  CHECK_FALSE(NameFromHeadline("Ауылдағы кеш – біздің, ортақ мереке", WordLists::BuiltIn()).has_value());
  CHECK_FALSE(NameFromHeadline("LATYN – NAǴYZ HATYŃ", WordLists::BuiltIn()).has_value());
  CHECK_FALSE(NameFromHeadline("Орта державалардың рөлі", WordLists::BuiltIn()).has_value());
  // Initials glued to a surname before the colon.
  CHECK(NameFromHeadline("С.ҒҰБАШЕВА: «ЕЛМЕН БІРГЕ ҚУАНДЫҚ»", WordLists::BuiltIn()) == "С. Ғұбашева");
  CHECK_FALSE(NameFromHeadline("Т.Б.: «ЕЛМЕН БІРГЕ»", WordLists::BuiltIn()).has_value());
}

TEST_CASE("bylines, datelines and forms of address name the interviewer", "[names]") {
  CHECK(BylineName("Сұхбаттасқан Жанна ЖОМАРТ", WordLists::BuiltIn()) == "Жанна ЖОМАРТ");
  CHECK(BylineName("«Ән – жан». Сұхбаттасқан Дәурен Қуат", WordLists::BuiltIn(), true) == "Дәурен Қуат");
  CHECK(SlashedByline("АНА. ҚазАқпарат /Қанат Мәметқазыұлы/ - Елбасы") == "Қанат Мәметқазыұлы");
  CHECK(AddressedName("Әділхан аға! Қош көрдік.", WordLists::BuiltIn()) == "Әділхан");
  CHECK(AddressedName("Берік Бақытұлы, әңгіме басында…", WordLists::BuiltIn()) == "Берік Бақытұлы");
  CHECK_FALSE(AddressedName("Бұл сұрақ қиын.", WordLists::BuiltIn()).has_value());
  CHECK(FullNameStartingWith("Белгілі жазушы Әділхан Шегеев сөйлесті.", "Әділхан", WordLists::BuiltIn()) == "Әділхан Шегеев");
}

TEST_CASE("labels of one person are matched", "[names]") {
  CHECK(SamePerson("Ж.Ж.", "Жанар Жақсыбекова"));
  CHECK(SamePerson("Серікбаев", "Дәулет Серікбаев"));
  CHECK(SamePerson("Ұзақовтың", "Ұзақов"));
  CHECK_FALSE(SamePerson("Серік Жанұзақов", "Айнұр Бекова"));
  CHECK(IsOutletName("El.kz"));
  CHECK_FALSE(IsOutletName("Қ.Ә"));
}
