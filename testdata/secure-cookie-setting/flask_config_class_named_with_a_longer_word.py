# A role is read from the words of a class's name: ProductCatalogConfig is no production
# class, nor ContestConfig a test one, whose false setting is deployed and fixed.
import os


class Config:
    SECRET_KEY = os.environ["SECRET_KEY"]


class ProductCatalogConfig(Config):
    CATALOG_PAGE_SIZE = 20


class ContestConfig(Config):
    SESSION_COOKIE_SECURE = False
