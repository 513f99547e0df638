// SPDX-License-Identifier: GPL-3.0-or-later
// header.cpp - the public header compiles as C++ and its functions link
// with C linkage from a C++ program.
#include <cstring>
#include <precis.h>

int main()
{
    precis_ctx *ctx = nullptr;
    if (precis_ctx_new(&ctx) != PRECIS_OK)
        return 1;
    precis_result *res = nullptr;
    const char text[] = "One sentence here. Another one there.";
    precis_status st = precis_summarize(ctx, text, std::strlen(text), &res);
    precis_sentence s;
    int ok = st == PRECIS_OK && precis_result_summary(res, 0, &s, sizeof s) == PRECIS_OK;
    precis_result_free(res);
    precis_ctx_free(ctx);
    return ok ? 0 : 1;
}
