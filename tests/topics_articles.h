/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * topics_articles.h - a small day of news for the tests of topic digests:
 * two look-alike earthquakes, two look-alike rehab stories (three outlets'
 * articles each), and two stories of their own. The event of article i is
 * topics_event[i].
 */
#ifndef PRECIS_TOPICS_ARTICLES_H
#define PRECIS_TOPICS_ARTICLES_H

#include <stddef.h>

static const char *const topics_articles[] = {
    /* 0: the Chilean earthquake */
    "Strong earthquake shakes Valparaiso in central Chile\n\n"
    "A magnitude 6.4 earthquake struck near Valparaiso on Tuesday, damaging old houses "
    "in the port city. Chile's emergency office ONEMI said 12 people were injured. "
    "President Michelle Bachelet flew to Valparaiso to meet rescue teams. "
    "The navy said there was no risk of a tsunami.",
    /* 1: the Japanese earthquake */
    "Earthquake of magnitude 7.1 hits Sendai in northern Japan\n\n"
    "A magnitude 7.1 earthquake struck off Sendai on Sunday, shaking buildings across "
    "Miyagi prefecture. The Japan Meteorological Agency issued a tsunami warning for the "
    "coast of Miyagi. Prime Minister Shinzo Abe said 40 people were hurt in Sendai. "
    "Trains to Sendai stopped for checks.",
    /* 2: Tara Reid */
    "Tara Reid checks into Promises rehab center\n\n"
    "Actress Tara Reid has checked into the Promises Treatment Center in Malibu, her "
    "representative Jack Ketsoyan told People. The American Pie star entered the "
    "program on Tuesday with the support of her family. Ketsoyan asked for privacy for "
    "Reid and her family.",
    /* 3: Lindsay Lohan */
    "Lindsay Lohan enters Betty Ford Center\n\n"
    "Lindsay Lohan checked into the Betty Ford Center in Rancho Mirage on Thursday for a "
    "court-ordered stay of 90 days. Judge James Dabney had ordered Lohan into rehab after "
    "her probation violation. Her lawyer Shawn Holley confirmed that Lohan arrived at "
    "Betty Ford.",
    /* 4: the Chilean earthquake */
    "Valparaiso earthquake injures 12 as Bachelet visits\n\n"
    "Twelve people were injured when a 6.4 magnitude earthquake hit Valparaiso, Chile, "
    "on Tuesday, the ONEMI emergency office said. Michelle Bachelet toured the damaged "
    "hills of Valparaiso. The Chilean navy ruled out a tsunami.",
    /* 5: a budget vote, on its own */
    "The city council of Leeds approved the budget for the new river bridge on Monday. "
    "Councillors voted 31 to 17 for the plan, which costs 45 million pounds. Work on the "
    "Kirkstall bridge is due to start in the spring.",
    /* 6: Lindsay Lohan */
    "Lohan starts 90-day rehab stay at Betty Ford\n\n"
    "Lindsay Lohan arrived at the Betty Ford Center in Rancho Mirage, California, on "
    "Thursday. The actress must stay 90 days under a deal with Judge James Dabney. "
    "Shawn Holley, her attorney, said Lohan was doing well.",
    /* 7: the Japanese earthquake */
    "Abe says 40 hurt after Sendai quake\n\n"
    "Prime Minister Shinzo Abe said 40 people were hurt after a magnitude 7.1 earthquake "
    "struck near Sendai on Sunday. The Japan Meteorological Agency lifted its tsunami "
    "warning for Miyagi after two hours. Shinkansen trains to Sendai resumed in the "
    "evening.",
    /* 8: Tara Reid */
    "Tara Reid in rehab at Promises in Malibu\n\n"
    "Tara Reid entered the Promises Treatment Center in Malibu on Tuesday, Jack Ketsoyan, "
    "her representative, told People magazine. The American Pie actress has the backing "
    "of her family, Ketsoyan said. Reid launched a fashion line in December.",
    /* 9: a cup final, on its own */
    "Celtic won the Scottish Cup final at Hampden Park on Saturday, beating Aberdeen "
    "by two goals to one. Kyogo Furuhashi scored twice in the second half. Aberdeen "
    "had led through a header from Bojan Miovski.",
    /* 10: the Chilean earthquake */
    "Chile: Bachelet visits Valparaiso after 6.4 quake\n\n"
    "Michelle Bachelet visited Valparaiso on Tuesday after a magnitude 6.4 earthquake "
    "injured 12 people, ONEMI said. Old adobe houses on the hills of Valparaiso were "
    "damaged. The navy of Chile said the quake caused no tsunami.",
    /* 11: the Japanese earthquake */
    "Tsunami warning lifted after Sendai earthquake\n\n"
    "A tsunami warning for Miyagi was lifted on Sunday after a magnitude 7.1 earthquake "
    "off Sendai, the Japan Meteorological Agency said. Shinzo Abe said 40 people were "
    "hurt. Buildings in Sendai swayed for a minute.",
    /* 12: Tara Reid */
    "Tara Reid checked into Promises Treatment Center in Malibu on Tuesday, People "
    "reported. Her representative Jack Ketsoyan said the American Pie star had the "
    "support of family and friends. Ketsoyan did not say why Reid entered rehab.",
    /* 13: Lindsay Lohan */
    "Lindsay Lohan began a 90-day court-ordered stay at the Betty Ford Center in Rancho "
    "Mirage on Thursday. Judge James Dabney sent Lohan to rehab for violating her "
    "probation. Her lawyer Shawn Holley said the actress arrived at Betty Ford in the "
    "morning.",
};

#define TOPICS_ARTICLE_COUNT (sizeof topics_articles / sizeof topics_articles[0])

/* 0: Chile, 1: Japan, 2: Reid, 3: Lohan, 4: the bridge, 5: the cup final */
static const int topics_event[] = {0, 1, 2, 3, 0, 4, 3, 1, 2, 5, 0, 1, 2, 3};

#endif
