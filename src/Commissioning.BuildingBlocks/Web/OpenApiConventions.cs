using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Commissioning.BuildingBlocks.Web;

/// <summary>Describes the API's conventions in the OpenAPI document, so each endpoint need not.</summary>
public static class OpenApiConventions
{
    /// <summary>
    /// Adds <c>page</c> and <c>pageSize</c> to every operation whose handler takes a <see cref="PageRequest"/>
    /// (ASP.NET Core leaves out parameters that bind themselves), and the optional <c>Idempotency-Key</c> header to
    /// every POST under <c>/api</c>.
    /// </summary>
    public static OpenApiOptions AddApiConventions(this OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddOperationTransformer((operation, context, _) =>
        {
            var description = context.Description;
            var takesPage = description.ActionDescriptor.EndpointMetadata.OfType<MethodInfo>()
                .Any(m => m.GetParameters().Any(p => p.ParameterType == typeof(PageRequest)));
            if (takesPage)
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = PageRequest.PageParameter,
                    In = ParameterLocation.Query,
                    Description = "The page number, from 1.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Default = JsonValue.Create(1) },
                });
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = PageRequest.PageSizeParameter,
                    In = ParameterLocation.Query,
                    Description = $"Items per page, from 1 to {PageRequest.MaxPageSize}.",
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Integer,
                        Format = "int32",
                        Minimum = "1",
                        Maximum = PageRequest.MaxPageSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        Default = JsonValue.Create(PageRequest.DefaultPageSize),
                    },
                });
            }

            if (string.Equals(description.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase)
                && (description.RelativePath ?? "").StartsWith("api/", StringComparison.OrdinalIgnoreCase))
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = IdempotencyMiddleware.KeyHeader,
                    In = ParameterLocation.Header,
                    Required = false,
                    Description = "Optional. Send the same key with the same body again to get the first response again, " +
                        "with no second effect. 1 to 255 printable ASCII characters, for example a UUID; kept for 24 hours.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = IdempotencyMiddleware.MaxKeyLength },
                });
            }

            return Task.CompletedTask;
        });
        return options;
    }
}
