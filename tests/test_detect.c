/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_detect.c - language detection: a short paragraph of every built-in
 * language must come out as that language, and every language must have
 * one here.
 */
#include "test_helpers.h"

#include <string.h>

#include "lang.h"

typedef struct detect_case {
    const char *lang;
    const char *text;
} detect_case;

static const detect_case cases[] = {
    {"am", "ከተማው ውስጥ ያለው ገበያ በጣም ትልቅ ነው። ሰዎች ከሩቅ ቦታ ይመጣሉ እና ብዙ ነገር ይገዛሉ። "
           "ነገር ግን ዋጋው ባለፈው ዓመት ጨምሯል።"},
    {"ar", "قال وزير الصحة إن الحكومة ستفتح مستشفى جديدا في المدينة هذا العام. وأضاف أن "
           "المستشفى سيخدم آلاف المرضى الذين كانوا يسافرون إلى العاصمة من أجل العلاج."},
    {"bg", "Правителството обяви, че от следващата година заплатите на учителите ще се "
           "увеличат. Министърът каза, че това е само първата стъпка и че ще има още промени."},
    {"ca", "L'ajuntament ha decidit tancar el carrer principal durant les festes del poble. "
           "Els veïns diuen que no els han consultat i que això els causarà molts problemes."},
    {"cs", "Vláda ve středu schválila nový zákon o ochraně přírody. Podle ministra bude "
           "platit od příštího roku a týká se také lesů, které jsou v soukromém vlastnictví."},
    {"da", "Regeringen har fremlagt en ny plan for den kollektive trafik. Ifølge ministeren "
           "skal flere busser køre i de små byer, og billetterne bliver billigere efter sommeren."},
    {"de", "Die Stadt hat am Montag beschlossen, die alte Brücke über den Fluss abzureißen. "
           "Nach Angaben der Behörden ist sie nicht mehr sicher, und eine neue soll bis 2026 "
           "gebaut werden."},
    {"el", "Η κυβέρνηση ανακοίνωσε χθες ένα νέο πρόγραμμα για τους νέους αγρότες. Σύμφωνα "
           "με τον υπουργό, οι αιτήσεις θα γίνονται από τον επόμενο μήνα και η στήριξη θα "
           "είναι μεγαλύτερη από πέρυσι."},
    {"en", "The council voted on Tuesday to close the old library at the end of the year. "
           "Officials said the building was too expensive to repair and that a new one would "
           "open near the station."},
    {"es", "El gobierno anunció ayer que construirá un nuevo hospital en la ciudad. Según el "
           "ministro, las obras comenzarán el próximo año y el centro atenderá a miles de "
           "pacientes de la región."},
    {"fa", "دولت اعلام کرد که از سال آینده حقوق معلمان افزایش خواهد یافت. وزیر آموزش گفت "
           "این تصمیم برای بهبود کیفیت مدارس در سراسر کشور گرفته شده است."},
    {"fi", "Kaupunginvaltuusto päätti maanantaina, että vanha kirjasto suljetaan vuoden "
           "lopussa. Virkamiesten mukaan rakennuksen korjaaminen olisi liian kallista, ja uusi "
           "kirjasto avataan aseman lähelle."},
    {"fr", "Le conseil municipal a décidé mardi de fermer la vieille bibliothèque à la fin de "
           "l'année. Selon les élus, le bâtiment coûte trop cher à rénover et une nouvelle "
           "médiathèque ouvrira près de la gare."},
    {"hi", "सरकार ने कहा है कि अगले साल से शिक्षकों का वेतन बढ़ाया जाएगा। मंत्री ने बताया कि "
           "यह फैसला देश के सभी स्कूलों की गुणवत्ता सुधारने के लिए लिया गया है।"},
    {"hu", "A városi közgyűlés kedden úgy döntött, hogy az év végén bezárják a régi könyvtárat. "
           "A tisztviselők szerint az épület felújítása túl drága lenne, ezért egy újat "
           "nyitnak az állomás mellett."},
    {"hy", "Կառավարությունը հայտարարեց, որ հաջորդ տարվանից ուսուցիչների աշխատավարձերը "
           "կբարձրանան։ Նախարարը նշեց, որ սա միայն առաջին քայլն է, և այլ փոփոխություններ "
           "նույնպես կլինեն։"},
    {"id", "Pemerintah kota memutuskan untuk menutup perpustakaan lama pada akhir tahun ini. "
           "Menurut para pejabat, gedung itu terlalu mahal untuk diperbaiki dan perpustakaan "
           "baru akan dibuka di dekat stasiun."},
    {"it", "Il consiglio comunale ha deciso martedì di chiudere la vecchia biblioteca alla "
           "fine dell'anno. Secondo i funzionari, l'edificio costa troppo da riparare e una "
           "nuova sede aprirà vicino alla stazione."},
    {"ja", "市議会は火曜日、古い図書館を年末に閉鎖することを決めました。職員によると、建物の"
           "修理には費用がかかりすぎるため、駅の近くに新しい図書館が開かれる予定です。"},
    {"kk", "Үкімет келесі жылдан бастап мұғалімдердің жалақысы көтерілетінін жариялады. "
           "Министрдің айтуынша, бұл шешім елдегі барлық мектептердің сапасын арттыру үшін "
           "қабылданды."},
    {"mr", "सरकारने जाहीर केले आहे की पुढील वर्षापासून शिक्षकांचे वेतन वाढवले जाईल. मंत्री "
           "म्हणाले की हा निर्णय राज्यातील सर्व शाळांची गुणवत्ता सुधारण्यासाठी घेतला आहे."},
    {"my", "မြို့တော်ခန်းမသည် စာကြည့်တိုက်ဟောင်းကို နှစ်ကုန်တွင် ပိတ်ရန် ဆုံးဖြတ်ခဲ့သည်။ "
           "အရာရှိများက အဆောက်အအုံကို ပြုပြင်ရန် ကုန်ကျစရိတ် များလွန်းသည်ဟု ပြောသည်။"},
    {"ne", "सरकारले अर्को वर्षदेखि शिक्षकहरूको तलब बढाउने घोषणा गरेको छ। मन्त्रीले यो निर्णय "
           "देशभरका विद्यालयको गुणस्तर सुधार गर्नका लागि गरिएको हो भनेर बताए।"},
    {"nl", "De gemeenteraad heeft dinsdag besloten de oude bibliotheek aan het einde van het "
           "jaar te sluiten. Volgens ambtenaren is het gebouw te duur om te herstellen en komt "
           "er een nieuwe bij het station."},
    {"no", "Regjeringen har lagt fram en ny plan for kollektivtrafikken. Ifølge statsråden "
           "skal flere busser kjøre i de små byene, og billettene blir billigere etter "
           "sommeren. Det er ikke noe som har vært gjort før."},
    {"pl", "Rada miasta postanowiła we wtorek zamknąć starą bibliotekę pod koniec roku. "
           "Według urzędników remont budynku byłby zbyt drogi, dlatego nowa biblioteka zostanie "
           "otwarta w pobliżu dworca."},
    {"pt", "A câmara municipal decidiu na terça-feira fechar a antiga biblioteca no final do "
           "ano. Segundo os responsáveis, o edifício é caro demais para reparar e uma nova "
           "biblioteca vai abrir perto da estação."},
    {"ro", "Consiliul local a decis marți să închidă vechea bibliotecă la sfârșitul anului. "
           "Potrivit oficialilor, clădirea este prea scumpă pentru a fi reparată, iar o nouă "
           "bibliotecă va fi deschisă lângă gară."},
    {"ru", "Городской совет во вторник решил закрыть старую библиотеку в конце года. По словам "
           "чиновников, ремонт здания обойдется слишком дорого, поэтому новая библиотека "
           "откроется рядом с вокзалом."},
    {"sk", "Mestské zastupiteľstvo v utorok rozhodlo, že stará knižnica sa na konci roka "
           "zatvorí. Podľa úradníkov by bola oprava budovy príliš drahá, a preto sa nová "
           "knižnica otvorí pri stanici."},
    {"sv", "Kommunfullmäktige beslutade på tisdagen att stänga det gamla biblioteket vid "
           "årets slut. Enligt tjänstemännen är byggnaden för dyr att reparera och ett nytt "
           "bibliotek ska öppna nära stationen."},
    {"tr", "Belediye meclisi salı günü eski kütüphaneyi yıl sonunda kapatma kararı aldı. "
           "Yetkililere göre binanın onarımı çok pahalı olacağı için istasyonun yakınında yeni "
           "bir kütüphane açılacak."},
    {"uk", "Міська рада у вівторок вирішила закрити стару бібліотеку наприкінці року. За "
           "словами посадовців, ремонт будівлі був би занадто дорогим, тому нова бібліотека "
           "відкриється біля вокзалу."},
    {"ur", "حکومت نے اعلان کیا ہے کہ اگلے سال سے اساتذہ کی تنخواہوں میں اضافہ کیا جائے گا۔ "
           "وزیر نے کہا کہ یہ فیصلہ ملک بھر کے اسکولوں کا معیار بہتر بنانے کے لیے کیا گیا ہے۔"},
    {"zh", "市议会星期二决定在年底关闭旧图书馆。官员表示，修理这座建筑的费用太高，因此将在"
           "火车站附近开设一座新的图书馆。"},
};

static void test_paragraphs(void **state)
{
    (void)state;
    precis_folder folder = {0};
    size_t failures = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int lang = -1;
        assert_int_equal(precis_lang_detect(cases[i].text, strlen(cases[i].text), &folder, -1, &lang),
                         PRECIS_OK);
        if (lang < 0 || strcmp(precis_languages[lang].code, cases[i].lang) != 0) {
            print_error("%s paragraph detected as %s\n", cases[i].lang,
                        lang < 0 ? "nothing" : precis_languages[lang].code);
            failures++;
        }
    }
    precis_folder_free(&folder);
    assert_int_equal(failures, 0);
}

/* Every built-in language has a paragraph above. */
static void test_every_language_covered(void **state)
{
    (void)state;
    for (size_t i = 0; i < precis_language_total; i++) {
        int found = 0;
        for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++)
            found |= strcmp(cases[k].lang, precis_languages[i].code) == 0;
        if (!found)
            print_error("no paragraph for %s\n", precis_languages[i].code);
        assert_true(found);
    }
}

/* A few words of a closely related language must not flip the result. */
static void test_mixed(void **state)
{
    (void)state;
    static const char text[] =
        "The minister said the plan would cost more than expected. "
        "Critics called it a fait accompli, but the government said it had no choice.";
    precis_folder folder = {0};
    int lang = -1;
    assert_int_equal(precis_lang_detect(text, sizeof text - 1, &folder, -1, &lang), PRECIS_OK);
    assert_string_equal(precis_languages[lang].code, "en");
    precis_folder_free(&folder);
}

/* No letters: English, the documented default; digits alone decide
 * nothing. */
static void test_no_letters(void **state)
{
    (void)state;
    precis_folder folder = {0};
    int lang = -1;
    assert_int_equal(precis_lang_detect("", 0, &folder, -1, &lang), PRECIS_OK);
    assert_string_equal(precis_languages[lang].code, "en");
    assert_int_equal(precis_lang_detect("123 456, 789!", 13, &folder, -1, &lang), PRECIS_OK);
    assert_string_equal(precis_languages[lang].code, "en");
    precis_folder_free(&folder);
}

/* A Chinese text quoting a Japanese word stays Chinese; a Japanese text
 * full of ideographs is Japanese. */
static void test_chinese_japanese(void **state)
{
    (void)state;
    static const char zh[] = "这家公司的新产品叫做\u300cカメラ\u300d，销售情况非常好，"
                             "今年的利润比去年增加了百分之二十。";
    static const char ja[] = "東京都内の主要駅周辺で大規模な再開発計画が発表された。";
    precis_folder folder = {0};
    int lang = -1;
    assert_int_equal(precis_lang_detect(zh, sizeof zh - 1, &folder, -1, &lang), PRECIS_OK);
    assert_string_equal(precis_languages[lang].code, "zh");
    assert_int_equal(precis_lang_detect(ja, sizeof ja - 1, &folder, -1, &lang), PRECIS_OK);
    assert_string_equal(precis_languages[lang].code, "ja");
    precis_folder_free(&folder);
}

/* Scripts that no language here writes give the undetermined language,
 * which has no stopwords, stemmer or flags; a few such letters in a text
 * of another script do not. */
static void test_undetermined(void **state)
{
    (void)state;
    static const char *const und[] = {
        "\xe0\xb8\x81\xe0\xb8\xa3\xe0\xb8\xb8\xe0\xb8\x87\xe0\xb9\x80\xe0\xb8\x97"
        "\xe0\xb8\x9e\xe0\xb8\xa1\xe0\xb8\xab\xe0\xb8\xb2\xe0\xb8\x99\xe0\xb8\x84\xe0\xb8\xa3",
        "\xec\x84\x9c\xec\x9a\xb8\xec\x8b\x9c\xeb\x8a\x94 \xec\x83\x88 \xea\xb3\xb5\xec\x9b\x90\xec\x9d\x84 "
        "\xec\x97\xb4\xec\x97\x88\xeb\x8b\xa4.",
        "\xe1\x83\x97\xe1\x83\x91\xe1\x83\x98\xe1\x83\x9a\xe1\x83\x98\xe1\x83\xa1\xe1\x83\x98 "
        "\xe1\x83\x93\xe1\x83\x98\xe1\x83\x93\xe1\x83\x98 \xe1\x83\xa5\xe1\x83\x90\xe1\x83\x9a\xe1\x83\x90\xe1\x83\xa5\xe1\x83\x98\xe1\x83\x90.",
        "\xd7\x94\xd7\xa2\xd7\x99\xd7\xa8 \xd7\x94\xd7\x92\xd7\x93\xd7\x95\xd7\x9c\xd7\x94 \xd7\x91\xd7\x99\xd7\x95\xd7\xaa\xd7\xa8.",
    };
    precis_folder folder = {0};
    int lang = -1;
    for (size_t k = 0; k < sizeof und / sizeof und[0]; k++) {
        assert_int_equal(precis_lang_detect(und[k], strlen(und[k]), &folder, -1, &lang),
                         PRECIS_OK);
        assert_int_equal(lang, PRECIS_LANG_UND);
    }
    assert_string_equal(precis_languages[PRECIS_LANG_UND].code, "und");
    assert_null(precis_languages[PRECIS_LANG_UND].stemmer);
    assert_int_equal(precis_lang_find("und"), -1); /* not a language to ask for */
    static const char mixed[] = "The city of Seoul (\xec\x84\x9c\xec\x9a\xb8) opened a new park "
                                "on Monday, the mayor said.";
    assert_int_equal(precis_lang_detect(mixed, sizeof mixed - 1, &folder, -1, &lang), PRECIS_OK);
    assert_string_equal(precis_languages[lang].code, "en");
    precis_folder_free(&folder);
}

/* A declared language (<html lang>) stands unless the text plainly says
 * otherwise; tags are read by their primary subtag. */
static void test_declared_language(void **state)
{
    (void)state;
    precis_folder folder = {0};
    int lang, en = precis_lang_find("en"), de = precis_lang_find("de"),
              nl = precis_lang_find("nl");
    assert_int_equal(precis_lang_from_tag("en-GB"), en);
    assert_int_equal(precis_lang_from_tag("DE_at"), de);
    assert_int_equal(precis_lang_from_tag("nb"), precis_lang_find("no"));
    assert_int_equal(precis_lang_from_tag("xx"), -1);
    assert_int_equal(precis_lang_from_tag(""), -1);
    assert_int_equal(precis_lang_from_tag("english"), -1);
    /* German text under a template's "en": the text wins. */
    static const char german[] = "Der Zug ist heute nicht gefahren, weil die Strecke nach dem "
                                 "Sturm gesperrt war und es keinen Ersatz gab.";
    assert_int_equal(precis_lang_detect(german, sizeof german - 1, &folder, en, &lang), PRECIS_OK);
    assert_int_equal(lang, de);
    /* Text that could be Dutch or German by its few words: the page says. */
    static const char short_text[] = "Amsterdam 2024";
    assert_int_equal(precis_lang_detect(short_text, sizeof short_text - 1, &folder, nl, &lang),
                     PRECIS_OK);
    assert_int_equal(lang, nl);
    /* Another script: the declaration cannot hold. */
    static const char russian[] = "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82 "
                                  "\xd0\xbc\xd0\xb8\xd1\x80";
    assert_int_equal(precis_lang_detect(russian, sizeof russian - 1, &folder, en, &lang),
                     PRECIS_OK);
    assert_int_not_equal(lang, en);
    precis_folder_free(&folder);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_declared_language),
        cmocka_unit_test(test_paragraphs),
        cmocka_unit_test(test_every_language_covered),
        cmocka_unit_test(test_mixed),
        cmocka_unit_test(test_no_letters),
        cmocka_unit_test(test_chinese_japanese),
        cmocka_unit_test(test_undetermined),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
