#include <stddef.h>

#include "model/request.h"

static const struct field_def request_fields[] = {
        {.tag = 2,
         .name = "login",
         .label = "Benutzer",
         .type = FIELD_TEXT,
         FIELD_AT(struct applied_request, login),
         .width = 12},
        {.tag = 3,
         .name = "record",
         .label = "Datensatz",
         .type = FIELD_ID,
         FIELD_AT(struct applied_request, record),
         .width = 10},
        {.tag = 4,
         .name = "time",
         .label = "Zeit",
         .type = FIELD_INT,
         FIELD_AT(struct applied_request, time),
         .width = 19},
};

const struct record_def applied_request_def = {
        .kind = 3,
        .version = 1,
        .name = "request",
        .label = "Angewandte Anfrage",
        .size = sizeof(struct applied_request),
        .fields = request_fields,
        .nfields = sizeof(request_fields) / sizeof(request_fields[0]),
};
