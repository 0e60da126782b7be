"""Page pagination: `?page=N&page_size=M` (at most MAX_PAGE_SIZE); each list costs the same queries per page."""

from django.conf import settings
from rest_framework.pagination import PageNumberPagination

MAX_PAGE_SIZE = 500


class PagePagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request) -> int:
        self.page_size = settings.API_PAGE_SIZE
        return super().get_page_size(request)
