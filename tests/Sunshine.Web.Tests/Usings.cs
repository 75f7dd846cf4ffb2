global using Sunshine.Testing;
global using Microsoft.Extensions.DependencyInjection;
