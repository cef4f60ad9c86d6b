#include <stddef.h>

#include "model/request.h"

static const struct field_def request_fields[] = {
        {.tag = 2,
         .name = "login",
         .label = "Benutzer",
         FIELD_TEXT(struct applied_request, login),
         .width = 12},
        {.tag = 3,
         .name = "record",
         .label = "Datensatz",
         FIELD_ID(struct applied_request, record),
         .width = 10},
        {.tag = 4,
         .name = "time",
         .label = "Zeit",
         FIELD_TIME(struct applied_request, time),
         .width = 19},
        {.tag = 5,
         .name = "table",
         .label = "Art",
         FIELD_TEXT(struct applied_request, table),
         .width = 12},
};

const struct record_def applied_request_def = {
        .kind = 3,
        .version = 2, /* 2: table */
        .name = "request",
        .table = "requests",
        .label = "Angewandte Anfrage",
        .plural = "Angewandte Anfragen",
        .size = sizeof(struct applied_request),
        RECORD_FIELDS(request_fields),
        .ids = IDS_CALLER,
};
