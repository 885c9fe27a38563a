"""directives"""
